import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../testing/run-captured';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rollcall-nats-config-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rollcall nats-config', () => {
  it('writes the config to --out and prints each password once, as a NATS URL for every cluster member', async () => {
    const out = join(dir, 'users.conf');
    const run = await runCaptured(
      [
        'nats-config',
        '--namespace',
        'acme',
        '--launcher',
        'acme/server-1',
        '--out',
        out,
        '--bcrypt-cost',
        '4',
      ],
      { env: { NATS_URL: 'nats://n1:4222,nats://n2:4222', ROLLCALL_SUBJECT_PREFIX: 'corp.rollcall' } },
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const config = await readFile(out, 'utf8');
    expect(config).toContain('"corp.rollcall.v1.acme.runner.connected"');
    const row = run.stdout.split('\n').find((line) => line.startsWith('runner.acme '));
    const password = row?.match(
      /nats:\/\/runner\.acme:([\w-]+)@n1:4222,nats:\/\/runner\.acme:\1@n2:4222$/,
    )?.[1];
    expect(password).toHaveLength(43);
    expect(config).not.toContain(password);
    expect(run.stdout).toMatch(/^launcher\.acme\.server-1 +launcher +acme +server-1 +nats:/m);
  });

  it('keeps the passwords of the users a config given with --keep already had, and issues the new ones', async () => {
    const first = join(dir, 'first.conf');
    const second = join(dir, 'second.conf');
    const env = { NATS_URL: 'nats://n1:4222' };
    await runCaptured(['nats-config', '--namespace', 'a', '--out', first, '--bcrypt-cost', '4'], { env });
    const run = await runCaptured(
      [
        'nats-config',
        '--namespace',
        'a',
        '--namespace',
        'b',
        '--keep',
        first,
        '--out',
        second,
        '--bcrypt-cost',
        '4',
      ],
      { env },
    );
    expect(run.code).toBe(0);
    const hashes = (text: string) => [...text.matchAll(/user: "([^"]+)"\s*password: "([^"]+)"/g)];
    const before = new Map(hashes(await readFile(first, 'utf8')).map((match) => [match[1], match[2]]));
    const after = new Map(hashes(await readFile(second, 'utf8')).map((match) => [match[1], match[2]]));
    expect(after.get('runner.a')).toBe(before.get('runner.a'));
    expect(after.get('services')).toBe(before.get('services'));
    expect(after.get('runner.b')).toMatch(/^\$2b\$04\$/);
    expect(run.stdout).toMatch(/^runner\.a +runner +a +- +kept$/m);
    expect(run.stdout).toMatch(/^runner\.b +runner +b +- +nats:\/\/runner\.b:[\w-]{43}@n1:4222$/m);
  });

  it('gives one JSON document with the config and the credentials under --json', async () => {
    const run = await runCaptured(['nats-config', '--namespace', 'a', '--bcrypt-cost', '4', '--json']);
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as {
      config: string;
      credentials: { user: string; natsUrl: string }[];
    };
    expect(document.config).toContain('accounts {');
    expect(document.credentials.map((entry) => entry.user)).toEqual(['runner.a', 'services']);
    expect(document.credentials[0]?.natsUrl).toMatch(/^nats:\/\/runner\.a:[\w-]{43}@127\.0\.0\.1:4222$/);
  });

  it('keeps the passwords out of stdout when the config goes there', async () => {
    const run = await runCaptured(['nats-config', '--namespace', 'a', '--bcrypt-cost', '4']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('# Rollcall NATS users')).toBe(true);
    expect(run.stdout).not.toContain('nats://');
    expect(run.stderr).toMatch(/^runner\.a +runner +a +- +nats:\/\/runner\.a:/m);
  });

  it.each([
    [[], '--namespace: give at least one --namespace (or --launcher)'],
    [['--namespace', 'a', '--namespace', 'a'], '--namespace: names a namespace twice'],
    [['--launcher', 'server-1'], '--launcher: must be <namespace>/<serverId>, e.g. acme/server-1'],
    [['--namespace', 'a.b'], '--namespace: must be 1 to 64 characters'],
  ])('refuses %j with a usage error naming the flag', async (args, message) => {
    const run = await runCaptured(['nats-config', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`rollcall: ${message}`);
  });
});
