import { headPosition, readCheckpoint } from '@rollcall/eventlog';
import {
  listPools,
  listWorkers,
  migrateReadModels,
  READ_MODELS_SUBSCRIPTION,
  startReadModelProjector,
} from '@rollcall/projections';
import { createLogger } from '@rollcall/service-kit';
import { useTestDatabase } from '@rollcall/testkit';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../exit-code';
import { runCaptured } from '../testing/run-captured';
import { writePoolHistory } from '../testing/write-pool-history';

const database = useTestDatabase();
const silent = createLogger({ service: 'cli-test', level: 'silent' });

const namespaces = ['acme', 'globex'] as const;

// The rebuild waits for a settled head, and the snapshot xmin it waits on is cluster-wide: on a Postgres shared
// with other test files, their open transactions can hold it back for a while.
const REBUILD_TIMEOUT_MS = 120_000;

async function readModels() {
  const result = [];
  for (const namespace of namespaces) {
    result.push({
      workers: await listWorkers(database.db, { namespace }),
      pools: await listPools(database.db, { namespace }),
    });
  }
  return result;
}

describe('rollcall projections rebuild worker-map', () => {
  let events = 0;
  let live: Awaited<ReturnType<typeof readModels>>;

  // The live projector keeps the read models from a randomized history; the rebuild must arrive at the same.
  beforeAll(async () => {
    await migrateReadModels(database.db);
    events += await writePoolHistory(database.db, { namespace: 'acme', pools: 3, steps: 150, seed: 11 });
    events += await writePoolHistory(database.db, { namespace: 'globex', pools: 2, steps: 80, seed: 12 });
    const head = await headPosition(database.db);
    const stop = new AbortController();
    const projector = startReadModelProjector({
      db: database.db,
      connectionString: database.url,
      signal: stop.signal,
      logger: silent,
    });
    await vi.waitFor(
      async () => expect(await readCheckpoint(database.db, READ_MODELS_SUBSCRIPTION)).toBe(head),
      { timeout: 20_000, interval: 50 },
    );
    stop.abort();
    await projector;
    live = await readModels();
  });

  it(
    'prints a JSON summary, and the rebuilt worker map and pools equal the live ones',
    async () => {
      const run = await runCaptured([
        'projections',
        'rebuild',
        'worker-map',
        '--json',
        '--database-url',
        database.url,
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(ExitCode.ok);
      const summary = JSON.parse(run.stdout);
      const workers = live.reduce((sum, namespace) => sum + namespace.workers.length, 0);
      expect(summary).toEqual({
        projection: 'worker-map',
        events,
        skipped: 0,
        seconds: expect.any(Number),
        eventsPerSecond: expect.any(Number),
        workers,
        pools: 5,
        checkpoint: (await headPosition(database.db)).toString(),
      });
      expect(workers).toBeGreaterThan(20);
      expect(await readModels()).toEqual(live);
    },
    REBUILD_TIMEOUT_MS,
  );

  it(
    'accepts read-models as the same projection and prints a one-line summary',
    async () => {
      const run = await runCaptured(['projections', 'rebuild', 'read-models'], {
        env: { DATABASE_URL: database.url },
      });
      expect(run.code).toBe(ExitCode.ok);
      expect(run.stdout).toMatch(
        new RegExp(
          `^rebuilt worker_map and pools: ${events} events in [\\d.]+ s \\([\\d,]+ events/s\\); \\d+ workers, 5 pools; checkpoint read-models at \\d+\\n$`,
        ),
      );
      expect(await readModels()).toEqual(live);
    },
    REBUILD_TIMEOUT_MS,
  );
});
