import { readCheckpoint } from '@rollcall/eventlog';
import { seededRandom, useTestDatabase } from '@rollcall/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countWorkers } from '../queries/count-workers';
import { readModelDb } from '../read-model-database';
import { READ_MODELS_SUBSCRIPTION } from '../read-models-subscription';
import { dumpReadModels } from '../testing/dump-read-models';
import { foldLog } from '../testing/fold-log';
import { type PoolDriver, poolDriver, tickingClock } from '../testing/pool-driver';
import { randomFleet } from '../testing/random-fleet';
import { runProjector } from '../testing/run-projector';
import { RebuildAbortedError, RebuildInProgressError } from './rebuild-errors';
import { type RebuildProgress, rebuildReadModels } from './rebuild-read-models';

const testDb = useTestDatabase();
const refs = [
  { namespace: 'acme', pool: 'web' },
  { namespace: 'acme', pool: 'api' },
  { namespace: 'acme', pool: 'batch' },
  { namespace: 'globex', pool: 'web' },
];
const seed = Number(process.env.ROLLCALL_TEST_SEED ?? Date.now() % 1_000_000);
let driver: PoolDriver;
let projector: ReturnType<typeof runProjector>;

beforeAll(async () => {
  driver = poolDriver(testDb.db, tickingClock('2026-03-01T12:00:00.000Z', 250));
  projector = runProjector(testDb.db, testDb.url);
  // Appends race the live projector, so its batches cut the log at arbitrary places.
  await randomFleet(driver, refs, 600, seededRandom(seed));
  await projector.caughtUp();
});

afterAll(async () => {
  await projector.stop();
});

async function countAll(): Promise<number> {
  const row = await readModelDb(testDb.db)
    .selectFrom('worker_map')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function tableExists(name: string): Promise<boolean> {
  const { rows } = await sql<{ found: string | null }>`SELECT to_regclass(${name})::text AS found`.execute(
    testDb.db,
  );
  return rows[0]?.found != null;
}

describe(`rebuildReadModels (random fleet, seed ${seed})`, () => {
  it('the live projection equals the pure reducers folded over the whole log', async () => {
    const live = await dumpReadModels(testDb.db);
    expect(live.workers.length).toBeGreaterThan(50);
    expect(live.drains.length).toBeGreaterThan(10);
    expect(live).toEqual(await foldLog(testDb.db));
  });

  it('rebuilds from position 0 into exactly the live tables, and stores the checkpoint at the rebuilt head', async () => {
    const live = await dumpReadModels(testDb.db);
    const phases = new Set<string>();
    const result = await rebuildReadModels({
      db: testDb.db,
      pageSize: 100,
      onProgress: (progress) => phases.add(progress.phase),
    });
    expect(await dumpReadModels(testDb.db)).toEqual(live);
    expect(result).toMatchObject({ workers: live.workers.length, pools: live.pools.length, skipped: 0 });
    const { rows } = await sql<{
      count: string;
    }>`SELECT count(*) FROM events WHERE category = 'pool'`.execute(testDb.db);
    expect(result.events).toBe(Number(rows[0]?.count));
    expect(result.eventsPerSecond).toBeGreaterThan(0);
    expect(await readCheckpoint(testDb.db, READ_MODELS_SUBSCRIPTION)).toBe(result.position);
    expect([...phases]).toEqual(['replaying', 'catching-up', 'swapping', 'done']);
    expect(await tableExists('worker_map_rebuild')).toBe(false);
    const { rows: indexes } = await sql<{ indexname: string }>`
      SELECT indexname FROM pg_indexes WHERE tablename IN ('worker_map', 'pools') ORDER BY indexname`.execute(
      testDb.db,
    );
    expect(indexes.map((index) => index.indexname)).toEqual([
      'pools_pkey',
      'worker_map_namespace_pool_status_idx',
      'worker_map_namespace_server_id_idx',
      'worker_map_pkey',
    ]);
  });

  it('rebuilds the same with a row cache far smaller than the fleet (rows written and reloaded)', async () => {
    const live = await dumpReadModels(testDb.db);
    await rebuildReadModels({ db: testDb.db, pageSize: 30, cachedRows: 10 });
    expect(await dumpReadModels(testDb.db)).toEqual(live);
  });

  it('hands over to the live projector while the fleet keeps changing', async () => {
    const running = randomFleet(driver, refs, 300, seededRandom(seed + 1));
    await rebuildReadModels({ db: testDb.db, pageSize: 50 });
    await running;
    await projector.caughtUp();
    expect(await dumpReadModels(testDb.db)).toEqual(await foldLog(testDb.db));
  });

  it('never lets a reader see a half-built map: every count is the old or the new complete one', async () => {
    await projector.stop();
    const complete = await countAll();
    // Damage the live map so the old and the rebuilt tables differ.
    await sql`DELETE FROM worker_map WHERE runner_id IN (
      SELECT runner_id FROM worker_map ORDER BY runner_id LIMIT ${Math.floor(complete / 2)})`.execute(
      testDb.db,
    );
    const damaged = await countAll();
    const damagedLive = await countWorkers(testDb.db, { namespace: 'acme' });

    const seen = new Set<number>();
    const seenLive = new Set<number>();
    let reading = true;
    const reader = async () => {
      while (reading) {
        seen.add(await countAll());
        seenLive.add(await countWorkers(testDb.db, { namespace: 'acme' }));
      }
    };
    const readers = [reader(), reader()];
    await rebuildReadModels({ db: testDb.db, pageSize: 20 });
    reading = false;
    await Promise.all(readers);
    const rebuiltLive = await countWorkers(testDb.db, { namespace: 'acme' });

    expect(await countAll()).toBe(complete);
    expect(seen.has(damaged)).toBe(true);
    expect([...seen].every((count) => count === damaged || count === complete)).toBe(true);
    expect([...seenLive].every((count) => count === damagedLive || count === rebuiltLive)).toBe(true);
    expect(await dumpReadModels(testDb.db)).toEqual(await foldLog(testDb.db));
    projector = runProjector(testDb.db, testDb.url);
  });

  it('runs one rebuild at a time', async () => {
    let started: () => void = () => undefined;
    const firstPage = new Promise<void>((resolve) => {
      started = resolve;
    });
    const first = rebuildReadModels({ db: testDb.db, pageSize: 20, onProgress: () => started() });
    await firstPage;
    await expect(rebuildReadModels({ db: testDb.db })).rejects.toBeInstanceOf(RebuildInProgressError);
    await first;
  });

  it('leaves the live tables untouched and drops its shadow tables when aborted', async () => {
    const before = await dumpReadModels(testDb.db);
    const abort = new AbortController();
    const aborted = rebuildReadModels({
      db: testDb.db,
      pageSize: 20,
      signal: abort.signal,
      onProgress: (progress: RebuildProgress) => {
        if (progress.events > 100) abort.abort();
      },
    });
    await expect(aborted).rejects.toBeInstanceOf(RebuildAbortedError);
    expect(await tableExists('worker_map_rebuild')).toBe(false);
    expect(await tableExists('pools_rebuild')).toBe(false);
    expect(await dumpReadModels(testDb.db)).toEqual(before);
  });
});

describe('rebuildReadModels on an empty log', () => {
  const emptyDb = useTestDatabase();

  it('swaps in empty tables and stores checkpoint 0', async () => {
    const result = await rebuildReadModels({ db: emptyDb.db });
    expect(result).toMatchObject({ position: 0n, events: 0, workers: 0, pools: 0 });
    expect(await readCheckpoint(emptyDb.db, READ_MODELS_SUBSCRIPTION)).toBe(0n);
    expect(await dumpReadModels(emptyDb.db)).toEqual({ workers: [], pools: [], drains: [] });
  });
});
