import { poolStream } from '@rollcall/contracts';
import { type RecordedEvent, readStream } from '@rollcall/eventlog';
import { migrateReadModels, startReadModelProjector } from '@rollcall/projections';
import { createLogger } from '@rollcall/service-kit';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../exit-code';
import { runCaptured } from '../testing/run-captured';
import { API_PROCESS_TOKEN, type ApiProcess, startApiProcess } from '../testing/start-api-process';

const database = useTestDatabase();
const nats = useTestNats();
const silent = createLogger({ service: 'cli-test', level: 'silent' });

const stopProjector = new AbortController();
let projector: Promise<void> | undefined;
let api: ApiProcess;

const cli = (...argv: string[]) =>
  runCaptured(argv, { env: { ROLLCALL_API_URL: api.url, ROLLCALL_TOKEN: API_PROCESS_TOKEN } });
const at = ['--namespace', 'acme', '--pool', 'web'];

async function poolEvents(): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName: poolStream('acme', 'web') }))
    events.push(event);
  return events;
}

/** Retries `check` until the read model the api lists from has caught up with the writes before it. */
function caughtUp(check: () => Promise<void>): Promise<void> {
  return vi.waitFor(check, { timeout: 20_000, interval: 50 });
}

beforeAll(async () => {
  await migrateReadModels(database.db);
  projector = startReadModelProjector({
    db: database.db,
    connectionString: database.url,
    signal: stopProjector.signal,
    logger: silent,
    lockRetryMs: 100,
  });
  api = await startApiProcess({ databaseUrl: database.url, natsUrl: nats.url, prefix: nats.prefix });
}, 60_000);

afterAll(async () => {
  await api?.stop();
  stopProjector.abort();
  await projector;
});

describe('rollcall versions', () => {
  it('publishes, lists and yanks versions of a pool over the api', async () => {
    const published = await cli(
      'versions',
      'publish',
      ...at,
      '--version',
      '1',
      '--build',
      'b1',
      '--artifact',
      'oci://web:1',
      '--digest',
      'sha256:abc123',
      '--notes',
      'first',
    );
    expect(published.stderr).toBe('');
    expect(published.code).toBe(ExitCode.ok);
    expect(published.stdout).toMatch(/^web v1 \(b1\) is published: oci:\/\/web:1, by admin at /);
    expect((await poolEvents()).at(-1)).toMatchObject({
      type: 'VersionPublished',
      data: { version: 1, artifact: 'oci://web:1', digest: 'sha256:abc123', notes: 'first' },
      metadata: { actor: 'admin' },
    });

    const json = await cli(
      'versions',
      'publish',
      ...at,
      '--version',
      '2',
      '--build',
      'b2',
      '--artifact',
      'oci://web:2',
      '--json',
    );
    expect(JSON.parse(json.stdout)).toMatchObject({
      version: 2,
      digest: null,
      yanked: false,
      publishedBy: 'admin',
    });

    const yanked = await cli('versions', 'yank', ...at, '--version', '2', '--reason', 'crashes on boot');
    expect(yanked.code).toBe(ExitCode.ok);
    expect(yanked.stdout).toBe('web v2 (b2) is yanked: it is never rolled out\n');

    await caughtUp(async () => {
      const run = await cli('versions', 'list', ...at, '--json');
      expect(run.code).toBe(ExitCode.ok);
      const { versions } = JSON.parse(run.stdout);
      expect(
        versions.map(({ version, yanked }: { version: number; yanked: boolean }) => ({ version, yanked })),
      ).toEqual([
        { version: 1, yanked: false },
        { version: 2, yanked: true },
      ]);
    });
    const table = (await cli('versions', 'list', ...at)).stdout.trimEnd().split('\n');
    expect(table[0]).toMatch(/^VERSION\s+BUILD\s+ARTIFACT\s+DIGEST\s+YANKED\s+PUBLISHED BY\s+PUBLISHED AT$/);
    expect(table[1]).toMatch(/^v1\s+b1\s+oci:\/\/web:1\s+sha256:abc123\s+no\s+admin\s+\d{4}-/);
    expect(table[2]).toMatch(/^v2\s+b2\s+oci:\/\/web:2\s+-\s+yes\s+admin\s/);
  });

  it('exits 1 quoting the api when it refuses: a conflicting artifact, an unpublished version, an unknown pool', async () => {
    const conflict = await cli(
      'versions',
      'publish',
      ...at,
      '--version',
      '1',
      '--build',
      'b1',
      '--artifact',
      'oci://web:other',
    );
    expect(conflict.code).toBe(ExitCode.failure);
    expect(conflict.stderr).toMatch(/answered 409: version 1 is already published as oci:\/\/web:1/);

    const unpublished = await cli('versions', 'yank', ...at, '--version', '7', '--reason', 'x');
    expect(unpublished.code).toBe(ExitCode.failure);
    expect(unpublished.stderr).toMatch(/answered 404: version 7 is not published in pool web/);

    const unknown = await cli('versions', 'list', '--namespace', 'acme', '--pool', 'nowhere');
    expect(unknown.code).toBe(ExitCode.failure);
    expect(unknown.stderr).toMatch(/answered 404: pool nowhere is not known in namespace acme/);
  });

  it('exits 2 naming a bad or missing flag before asking the api', async () => {
    const zero = await cli('versions', 'publish', ...at, '--version', '0', '--build', 'b', '--artifact', 'a');
    expect(zero.code).toBe(ExitCode.usage);
    expect(zero.stderr).toContain('--version: must be an integer from 1 to 2147483647');
    const noReason = await cli('versions', 'yank', ...at, '--version', '1');
    expect(noReason.code).toBe(ExitCode.usage);
    expect(noReason.stderr).toContain('--reason: is required');
  });
});
