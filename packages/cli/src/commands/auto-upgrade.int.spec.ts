import { settingsStream } from '@rollcall/contracts';
import { type RecordedEvent, readStream } from '@rollcall/eventlog';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../exit-code';
import { runCaptured } from '../testing/run-captured';
import { API_PROCESS_TOKEN, type ApiProcess, startApiProcess } from '../testing/start-api-process';

const database = useTestDatabase();
const nats = useTestNats();

let api: ApiProcess;

const cli = (...argv: string[]) =>
  runCaptured(argv, { env: { ROLLCALL_API_URL: api.url, ROLLCALL_TOKEN: API_PROCESS_TOKEN } });

async function settingsEvents(): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName: settingsStream() })) events.push(event);
  return events;
}

beforeAll(async () => {
  api = await startApiProcess({ databaseUrl: database.url, natsUrl: nats.url, prefix: nats.prefix });
}, 60_000);
afterAll(() => api?.stop());

describe('rollcall auto-upgrade', () => {
  it('shows the switches, turns them off and on globally and per namespace, with --json', async () => {
    expect(await cli('auto-upgrade', 'status')).toEqual({
      code: ExitCode.ok,
      stdout: 'global: on\n',
      stderr: '',
    });

    const off = await cli('auto-upgrade', 'off', '--reason', 'release freeze');
    expect(off).toEqual({
      code: ExitCode.ok,
      stdout: 'global: automatic rollouts off everywhere\n',
      stderr: '',
    });
    expect((await settingsEvents()).at(-1)).toMatchObject({
      data: { scope: 'global', enabled: false, reason: 'release freeze', by: 'admin' },
    });

    const namespaceOff = await cli('auto-upgrade', 'off', '--namespace', 'acme');
    expect(namespaceOff.stdout).toBe('namespace acme: automatic rollouts off (switched off globally)\n');
    const globalOn = await cli('auto-upgrade', 'on', '--json');
    expect(JSON.parse(globalOn.stdout)).toEqual({ global: true, namespaces: { acme: false } });

    expect((await cli('auto-upgrade', 'status')).stdout).toBe('global: on\nnamespace acme: off\n');
    expect((await cli('auto-upgrade', 'status', '--namespace', 'acme')).stdout).toBe(
      'namespace acme: automatic rollouts off (switched off for the namespace)\n',
    );
    expect((await cli('auto-upgrade', 'status', '--namespace', 'globex')).stdout).toBe(
      "namespace globex: automatic rollouts on (each pool's autoUpgrade decides)\n",
    );
    const status = await cli('auto-upgrade', 'status', '--json');
    expect(JSON.parse(status.stdout)).toEqual({ global: true, namespaces: { acme: false } });
    const acme = await cli('auto-upgrade', 'status', '--namespace', 'acme', '--json');
    expect(JSON.parse(acme.stdout)).toEqual({ namespace: 'acme', global: true, enabled: false });
  });

  it('exits 2 naming a bad flag before asking the api, and 1 quoting the api without a token', async () => {
    const before = (await settingsEvents()).length;
    const badNamespace = await cli('auto-upgrade', 'off', '--namespace', 'a.b');
    expect(badNamespace.code).toBe(ExitCode.usage);
    expect(badNamespace.stderr).toContain('--namespace');
    const emptyReason = await cli('auto-upgrade', 'off', '--reason', '');
    expect(emptyReason.code).toBe(ExitCode.usage);
    expect(emptyReason.stderr).toContain('--reason');

    const anonymous = await runCaptured(['auto-upgrade', 'off'], { env: { ROLLCALL_API_URL: api.url } });
    expect(anonymous.code).toBe(ExitCode.failure);
    expect(anonymous.stderr).toMatch(/PUT \/v1\/auto-upgrade answered 401/);
    expect(await settingsEvents()).toHaveLength(before);
  });
});
