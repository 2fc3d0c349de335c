import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';

/** Concurrent batch writes of a flush: distinct rows, so they never wait on each other's locks. */
const FLUSH_CONCURRENCY = 3;

export interface WriteBackStore<Row, Ref> {
  load: (db: Kysely<EventLogDatabase>, refs: Iterable<Ref>) => Promise<Map<string, Row>>;
  save: (db: Kysely<EventLogDatabase>, rows: Iterable<Row>) => Promise<void>;
}

/**
 * The rows a rebuild folds, kept in memory between pages so a runner touched by many events is loaded and
 * written once instead of once per page. Bounded: past `capacity` rows the dirty ones are written and the
 * oldest fifth dropped, so memory does not grow with the log. A row missing here is looked up in the table
 * (it was dropped earlier) or does not exist yet.
 */
export class WriteBackCache<Row, Ref> {
  /** In insertion order, which decides what is dropped first (cheaper to keep than recency, and as good
   *  for a fleet that fits, which is the case the capacity is sized for). */
  readonly rows = new Map<string, Row>();
  /** Keys of the rows changed since the last flush: a fold adds to it directly. */
  readonly dirty = new Set<string>();

  constructor(
    private readonly store: WriteBackStore<Row, Ref>,
    private readonly capacity: number,
    private readonly batchSize: number,
  ) {}

  /** Brings the rows of `refs` into memory, from the table when they are not here. */
  async prepare(db: Kysely<EventLogDatabase>, refs: ReadonlyMap<string, Ref>): Promise<void> {
    const missing: Ref[] = [];
    for (const [key, ref] of refs) if (!this.rows.has(key)) missing.push(ref);
    if (missing.length === 0) return;
    for (const [key, row] of await this.store.load(db, missing)) this.rows.set(key, row);
  }

  /** Writes the dirty rows in batches, then drops the least recently used ones beyond capacity. */
  async flushIfFull(db: Kysely<EventLogDatabase>): Promise<void> {
    if (this.rows.size <= this.capacity) return;
    await this.flush(db);
    const excess = this.rows.size - Math.floor(this.capacity * 0.8);
    let dropped = 0;
    for (const key of this.rows.keys()) {
      if (dropped >= excess) break;
      this.rows.delete(key);
      dropped += 1;
    }
  }

  /** Writes the dirty rows, a few batches at a time (on a transaction they queue on its one connection). */
  async flush(db: Kysely<EventLogDatabase>): Promise<void> {
    const batches: Row[][] = [];
    let batch: Row[] = [];
    for (const key of this.dirty) {
      const row = this.rows.get(key);
      if (row !== undefined) batch.push(row);
      if (batch.length >= this.batchSize) {
        batches.push(batch);
        batch = [];
      }
    }
    if (batch.length > 0) batches.push(batch);
    const writers = Array.from({ length: Math.min(FLUSH_CONCURRENCY, batches.length) }, async () => {
      for (let next = batches.pop(); next !== undefined; next = batches.pop())
        await this.store.save(db, next);
    });
    await Promise.all(writers);
    this.dirty.clear();
  }
}
