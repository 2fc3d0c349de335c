import { poolStream } from '@rollcall/contracts';
import { type RecordedEvent, readStream } from '@rollcall/eventlog';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../exit-code';
import { runCaptured } from '../testing/run-captured';
import { API_PROCESS_TOKEN, type ApiProcess, startApiProcess } from '../testing/start-api-process';

const database = useTestDatabase();
const nats = useTestNats();
let api: ApiProcess;

const as = (token: string) => ({ env: { ROLLCALL_API_URL: api.url, ROLLCALL_TOKEN: token } });
const admin = (...argv: string[]) => runCaptured(argv, as(API_PROCESS_TOKEN));

async function poolEvents(): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName: poolStream('acme', 'web') }))
    events.push(event);
  return events;
}

beforeAll(async () => {
  api = await startApiProcess({ databaseUrl: database.url, natsUrl: nats.url, prefix: nats.prefix });
}, 60_000);
afterAll(() => api?.stop());

describe('rollcall tokens', () => {
  it('creates a token whose secret works at once, lists it, and revokes it', async () => {
    const created = await admin(
      'tokens',
      'create',
      '--role',
      'operator',
      '--namespace',
      'acme',
      '--name',
      'ci',
    );
    expect(created.code).toBe(ExitCode.ok);
    expect(created.stderr).toMatch(
      /^created token ci \(id [\w-]+\): operator in namespace acme; its secret is shown this once:\n$/,
    );
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^rc_/);

    const publish = ['versions', 'publish', '--namespace', 'acme', '--pool', 'web', '--version', '1'];
    const published = await runCaptured(
      [...publish, '--build', 'b1', '--artifact', 'oci://web:1'],
      as(secret),
    );
    expect(published.stderr).toBe('');
    expect((await poolEvents()).at(-1)?.metadata.actor).toBe('token:ci');

    const listed = await admin('tokens', 'list');
    expect(listed.code).toBe(ExitCode.ok);
    expect(listed.stdout).toMatch(
      /^ID +NAME +ROLE +NAMESPACE +CREATED +BY +STATE\n\S+ +ci +operator +acme +\S+ +admin +valid\n$/,
    );
    const tokenId = /^(\S+) +ci /m.exec(listed.stdout)?.[1] ?? '';

    const revoked = await admin('tokens', 'revoke', tokenId);
    expect(revoked.stderr).toBe('');
    expect(revoked.stdout).toMatch(
      new RegExp(`^token ci \\(id ${tokenId}\\) is revoked since \\S+ by admin\\n$`),
    );

    const refused = await runCaptured([...publish, '--build', 'b2', '--artifact', 'oci://web:2'], as(secret));
    expect(refused.code).toBe(ExitCode.failure);
    expect(refused.stderr).toContain('answered 401: the bearer token ci was revoked');
  });

  it('answers --json with the API documents, and refuses a non-admin with a 403 that says why', async () => {
    const created = await admin('tokens', 'create', '--role', 'viewer', '--name', 'dash', '--json');
    const token = JSON.parse(created.stdout);
    expect(token).toMatchObject({ name: 'dash', role: 'viewer', namespace: null, revokedAt: null });

    const listed = JSON.parse((await admin('tokens', 'list', '--json')).stdout);
    expect(listed.tokens.map((entry: { name: string }) => entry.name)).toContain('dash');

    const weak = await runCaptured(['tokens', 'list'], as(token.token));
    expect(weak.code).toBe(ExitCode.failure);
    expect(weak.stderr).toContain(
      'answered 403: this endpoint needs the admin role or higher; token:dash has the viewer role',
    );

    const revoked = JSON.parse((await admin('tokens', 'revoke', token.tokenId, '--json')).stdout);
    expect(revoked).toMatchObject({ tokenId: token.tokenId, revokedBy: 'admin' });
  });

  it('says what is wrong with a bad role or a missing name, with a usage exit code', async () => {
    const bad = await admin('tokens', 'create', '--role', 'root', '--name', 'x');
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.stderr).toContain('--role');
    const nameless = await admin('tokens', 'create', '--role', 'viewer');
    expect(nameless.code).toBe(ExitCode.usage);
    expect(nameless.stderr).toContain('--name');
  });
});
