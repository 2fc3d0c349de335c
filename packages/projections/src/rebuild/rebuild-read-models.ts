import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { RunnerSnapshot } from '../drains/drain-row';
import { drainsToLoad } from '../drains/fold-drain-events';
import { runnerSnapshotOf } from '../drains/runner-snapshot-of';
import type { PoolRow } from '../pools/pool-row';
import { loadPoolRows, savePoolRows } from '../pools/pools-store';
import type { PositionedPoolEvent } from '../positioned-pool-event';
import { LIVE_TABLES, SHADOW_TABLES } from '../read-model-tables';
import { READ_MODELS_SUBSCRIPTION } from '../read-models-subscription';
import { loadWorkerRows, saveWorkerRows } from '../worker-map/worker-map-store';
import type { WorkerRow } from '../worker-map/worker-row';
import { poolsModel, type WorkerRef, workerMapModel } from './cached-read-models';
import { DrainsWriteBack } from './drains-write-back';
import { type PoolEventPage, readPoolEventPage } from './read-pool-event-page';
import { RebuildAbortedError, RebuildInProgressError } from './rebuild-errors';
import { settledHead } from './settled-head';
import {
  analyzeShadowTables,
  createShadowTables,
  dropShadowTables,
  lockLiveTables,
  swapShadowTables,
} from './shadow-tables';
import { WriteBackCache } from './write-back-cache';

export type RebuildPhase = 'replaying' | 'catching-up' | 'swapping' | 'done';

export interface RebuildProgress {
  phase: RebuildPhase;
  /** Global position folded into the shadow tables so far. */
  position: bigint;
  /** The settled head the current phase replays to (for a progress bar: `position / head`). */
  head: bigint;
  /** Pool events read so far. */
  events: number;
  /** Events that did not parse, skipped as the live projector skips (parks) them. */
  skipped: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

export interface RebuildResult {
  /** The checkpoint stored with the swap: the live projector resumes after it. */
  position: bigint;
  events: number;
  skipped: number;
  /** Rows of the rebuilt tables. */
  workers: number;
  pools: number;
  drains: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

export interface RebuildReadModelsOptions {
  db: Kysely<EventLogDatabase>;
  /** Called after every page and at each phase change. */
  onProgress?: (progress: RebuildProgress) => void;
  /** Aborting before the swap drops the shadow tables and rejects with `RebuildAbortedError`. */
  signal?: AbortSignal;
  /** Positions read and folded per page (a page holds at most this many events). @default 5000 */
  pageSize?: number;
  /**
   * Most worker rows kept in memory between pages (each written once when it leaves, instead of once per
   * page); bounds the rebuild's memory whatever the log's length. @default 100000
   */
  cachedRows?: number;
}

/** Windows read while one is folded. */
const READS_AHEAD = 2;

const REBUILD_LOCK = `rollcall:rebuild:${READ_MODELS_SUBSCRIPTION}`;

/**
 * Rebuilds `worker_map`, `pools` and `drains` from position 0 (architecture rule 1) without readers ever
 * seeing a half-built table:
 * 1. replays the `pool` events up to the settled head into shadow tables (`worker_map_rebuild`,
 *    `pools_rebuild`, `drains_rebuild`), a page at a time: read the page (the next one is read meanwhile) and fold it in memory
 *    over the rows it touches; rows stay in a bounded write-back cache and reach the table in multi-row
 *    upserts when the cache is full and at the end of each phase;
 * 2. catches up in passes until the log's new tail is shorter than a page;
 * 3. in ONE transaction: locks the live tables (waiting for an in-flight projector batch), catches up to the
 *    live projector's checkpoint if it got further, swaps the shadow tables in, and stores the checkpoint at
 *    the rebuilt position.
 *
 * The live projector keeps running meanwhile (it holds its subscription's lock for as long as it runs, so
 * waiting for that lock would never end). The swap makes it stand by: its next batch waits for the lock, then
 * finds the checkpoint moved (compare-and-set), rolls back and resumes from the rebuilt position. Only one
 * rebuild runs at a time (`RebuildInProgressError`). It holds one of `db`'s connections for its lock and
 * uses others for its reads and writes: give it a pool of at least four.
 */
export async function rebuildReadModels(options: RebuildReadModelsOptions): Promise<RebuildResult> {
  const { db } = options;
  return db.connection().execute(async (session) => {
    const {
      rows: [lock],
    } = await sql<{
      locked: boolean;
    }>`SELECT pg_try_advisory_lock(hashtext(${REBUILD_LOCK})) AS locked`.execute(session);
    if (lock?.locked !== true) throw new RebuildInProgressError();
    try {
      return await new Rebuild(options).run();
    } catch (error) {
      await dropShadowTables(db).catch(() => undefined);
      throw error;
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtext(${REBUILD_LOCK}))`.execute(session);
    }
  });
}

class Rebuild {
  private readonly db: Kysely<EventLogDatabase>;
  private readonly signal: AbortSignal;
  private readonly pageSize: number;
  private readonly started = performance.now();
  private events = 0;
  private skipped = 0;
  private head = 0n;
  private readonly workers: WriteBackCache<WorkerRow, WorkerRef>;
  private readonly pools: WriteBackCache<PoolRow, { namespace: string; pool: string }>;
  private readonly drains: DrainsWriteBack;

  constructor(private readonly options: RebuildReadModelsOptions) {
    this.db = options.db;
    this.signal = options.signal ?? new AbortController().signal;
    this.pageSize = options.pageSize ?? 5000;
    const batch = 5000;
    this.workers = new WriteBackCache(
      workerMapModel,
      {
        load: (db, refs) => loadWorkerRows(db, SHADOW_TABLES.workerMap, refs),
        save: (db, rows) => saveWorkerRows(db, SHADOW_TABLES.workerMap, rows),
      },
      options.cachedRows ?? 100_000,
      batch,
    );
    this.pools = new WriteBackCache(
      poolsModel,
      {
        load: (db, refs) => loadPoolRows(db, SHADOW_TABLES.pools, refs),
        save: (db, rows) => savePoolRows(db, SHADOW_TABLES.pools, rows),
      },
      10_000,
      batch,
    );
    this.drains = new DrainsWriteBack(SHADOW_TABLES.drains, options.cachedRows ?? 100_000, batch);
  }

  async run(): Promise<RebuildResult> {
    const { db } = this;
    await createShadowTables(db);
    let position = await this.replayTo(db, 0n, await this.settledHead(), 'replaying');
    await analyzeShadowTables(db);
    for (;;) {
      const before = this.events;
      position = await this.replayTo(db, position, await this.settledHead(), 'catching-up');
      if (this.events - before < this.pageSize) break;
    }
    this.checkNotAborted();
    const swapped = await db.transaction().execute((trx) => this.swap(trx, position));
    this.report('done', swapped.position);
    return { ...swapped, ...this.rates(), events: this.events, skipped: this.skipped };
  }

  private async swap(
    trx: Transaction<EventLogDatabase>,
    rebuilt: bigint,
  ): Promise<{ position: bigint; workers: number; pools: number; drains: number }> {
    this.report('swapping', rebuilt);
    await lockLiveTables(trx);
    const stored = await trx
      .selectFrom('checkpoints')
      .select('position')
      .where('consumer', '=', READ_MODELS_SUBSCRIPTION)
      .forUpdate()
      .executeTakeFirst();
    const checkpoint = stored === undefined ? null : BigInt(stored.position);
    // Everything up to the checkpoint is settled: the live projector's reader got there without skipping.
    const position =
      checkpoint !== null && checkpoint > rebuilt
        ? await this.replayTo(trx, rebuilt, checkpoint, 'swapping')
        : rebuilt;
    await swapShadowTables(trx);
    await trx
      .insertInto('checkpoints')
      .values({ consumer: READ_MODELS_SUBSCRIPTION, position })
      .onConflict((oc) => oc.column('consumer').doUpdateSet({ position, updated_at: sql`now()` }))
      .execute();
    const counts = await sql<{ workers: string; pools: string; drains: string }>`
      SELECT (SELECT count(*) FROM ${sql.table(LIVE_TABLES.workerMap)}) AS workers,
        (SELECT count(*) FROM ${sql.table(LIVE_TABLES.pools)}) AS pools,
        (SELECT count(*) FROM ${sql.table(LIVE_TABLES.drains)}) AS drains`.execute(trx);
    const row = counts.rows[0];
    return {
      position,
      workers: Number(row?.workers ?? 0),
      pools: Number(row?.pools ?? 0),
      drains: Number(row?.drains ?? 0),
    };
  }

  /**
   * Folds the pool events in (from, to] into the shadow tables. Reads go by windows of positions rather than
   * by "the next page after the last one read", so the next windows can be read while one is folded.
   */
  private async replayTo(
    db: Kysely<EventLogDatabase>,
    from: bigint,
    to: bigint,
    phase: RebuildPhase,
  ): Promise<bigint> {
    this.head = to;
    this.report(phase, from);
    const window = BigInt(this.pageSize);
    const reads: Promise<PoolEventPage>[] = [];
    let unread = from;
    const readAhead = () => {
      while (reads.length < READS_AHEAD && unread < to) {
        const after = unread;
        unread = after + window < to ? after + window : to;
        reads.push(readPoolEventPage(db, { after, to: unread }));
      }
    };
    try {
      readAhead();
      for (let page = reads.shift(); page !== undefined; page = reads.shift()) {
        const { events, read, skipped, lastPosition } = await page;
        readAhead();
        this.checkNotAborted();
        await this.fold(db, events);
        this.events += read;
        this.skipped += skipped;
        this.report(phase, lastPosition);
      }
    } finally {
      // Reads still in flight when a write failed must not surface as unhandled rejections.
      for (const pending of reads) pending.catch(() => undefined);
    }
    // The shadow tables now hold everything up to `to`.
    await this.workers.flush(db);
    await this.pools.flush(db);
    await this.drains.flush(db);
    return to;
  }

  private async fold(db: Kysely<EventLogDatabase>, events: readonly PositionedPoolEvent[]): Promise<void> {
    // The drains fold needs the runners the page drains as they were before it, so it asks before the fold.
    const toLoad = drainsToLoad(events);
    const snapshots = new Map<string, RunnerSnapshot>();
    for (const [key, worker] of await this.workers.rowsOf(db, toLoad.snapshots)) {
      snapshots.set(key, runnerSnapshotOf(worker));
    }
    // worker_map, pools, drains, as everywhere else (see applyPoolEvents).
    await this.workers.fold(db, events);
    await this.pools.fold(db, events);
    await this.drains.fold(db, events, toLoad.runners, snapshots);
  }

  private async settledHead(): Promise<bigint> {
    const head = await settledHead(this.db, this.signal);
    this.checkNotAborted();
    return head;
  }

  private checkNotAborted(): void {
    if (this.signal.aborted) throw new RebuildAbortedError({ cause: this.signal.reason });
  }

  private rates(): { elapsedMs: number; eventsPerSecond: number } {
    const elapsedMs = performance.now() - this.started;
    return { elapsedMs, eventsPerSecond: elapsedMs === 0 ? 0 : (this.events * 1000) / elapsedMs };
  }

  private report(phase: RebuildPhase, position: bigint): void {
    this.options.onProgress?.({
      phase,
      position,
      head: this.head,
      events: this.events,
      skipped: this.skipped,
      ...this.rates(),
    });
  }
}
