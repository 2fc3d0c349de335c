import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import type { PositionedPoolEvent } from '../positioned-pool-event';

/** Concurrent batch writes of a flush: distinct rows, so they never wait on each other's locks. */
const FLUSH_CONCURRENCY = 3;

export interface WriteBackStore<Row, Ref> {
  load: (db: Kysely<EventLogDatabase>, refs: Iterable<Ref>) => Promise<Map<string, Row>>;
  save: (db: Kysely<EventLogDatabase>, rows: Iterable<Row>) => Promise<void>;
}

/** How a read model folds through the cache: which row an event is about, and its pure reducer. */
export interface CachedReadModel<Row, Ref> {
  /** What identifies the row the event is about (what the store loads it by); null when the model ignores it. */
  refOf: (event: PositionedPoolEvent) => Ref | null;
  keyOf: (ref: Ref) => string;
  /** False when the event replaces the row whatever it was (no need to load it). */
  needsStoredRow: (event: PositionedPoolEvent) => boolean;
  evolve: (row: Row | null, event: PositionedPoolEvent) => Row | null;
}

interface Slot<Row> {
  row: Row | null;
  dirty: boolean;
}

/**
 * The rows a rebuild folds, kept in memory between pages so a runner touched by many events is loaded and
 * written once instead of once per page, and looked up once per event. Bounded: past `capacity` rows the
 * dirty ones are written and the oldest fifth (by insertion) dropped, so memory does not grow with the log.
 * A row missing here is looked up in the table (it was dropped earlier) or does not exist yet.
 */
export class WriteBackCache<Row, Ref> {
  private readonly slots = new Map<string, Slot<Row>>();
  private dirty: Slot<Row>[] = [];

  constructor(
    private readonly model: CachedReadModel<Row, Ref>,
    private readonly store: WriteBackStore<Row, Ref>,
    private readonly capacity: number,
    private readonly batchSize: number,
  ) {}

  /** Folds a page of events in order: each row is looked up once, the missing ones loaded in one query. */
  async fold(db: Kysely<EventLogDatabase>, events: readonly PositionedPoolEvent[]): Promise<void> {
    const { model } = this;
    const touched: (Slot<Row> | null)[] = new Array(events.length);
    const missing = new Map<string, Ref>();
    events.forEach((event, i) => {
      const ref = model.refOf(event);
      if (ref === null) {
        touched[i] = null;
        return;
      }
      const key = model.keyOf(ref);
      let slot = this.slots.get(key);
      if (slot === undefined) {
        slot = { row: null, dirty: false };
        this.slots.set(key, slot);
        if (model.needsStoredRow(event)) missing.set(key, ref);
      }
      touched[i] = slot;
    });
    if (missing.size > 0) {
      for (const [key, row] of await this.store.load(db, missing.values())) {
        const slot = this.slots.get(key);
        if (slot !== undefined) slot.row = row;
      }
    }
    events.forEach((event, i) => {
      const slot = touched[i];
      if (slot === null || slot === undefined) return;
      const after = model.evolve(slot.row, event);
      if (after === null || after === slot.row) return;
      slot.row = after;
      if (!slot.dirty) {
        slot.dirty = true;
        this.dirty.push(slot);
      }
    });
    if (this.slots.size > this.capacity) await this.shrink(db);
  }

  /**
   * The rows of `refs` as folded so far (by key; a row that does not exist is left out), from memory or else
   * from the table. Another read model asks before a page is folded, to see these rows as they were before it.
   */
  async rowsOf(db: Kysely<EventLogDatabase>, refs: ReadonlyMap<string, Ref>): Promise<Map<string, Row>> {
    const rows = new Map<string, Row>();
    const missing: Ref[] = [];
    for (const [key, ref] of refs) {
      const slot = this.slots.get(key);
      if (slot === undefined) missing.push(ref);
      else if (slot.row !== null) rows.set(key, slot.row);
    }
    if (missing.length === 0) return rows;
    for (const [key, row] of await this.store.load(db, missing)) {
      rows.set(key, row);
      if (!this.slots.has(key)) this.slots.set(key, { row, dirty: false });
    }
    return rows;
  }

  /** Writes the dirty rows, a few batches at a time (on a transaction they queue on its one connection). */
  async flush(db: Kysely<EventLogDatabase>): Promise<void> {
    const batches: Row[][] = [];
    let batch: Row[] = [];
    for (const slot of this.dirty) {
      slot.dirty = false;
      if (slot.row === null) continue;
      batch.push(slot.row);
      if (batch.length >= this.batchSize) {
        batches.push(batch);
        batch = [];
      }
    }
    if (batch.length > 0) batches.push(batch);
    this.dirty = [];
    const writers = Array.from({ length: Math.min(FLUSH_CONCURRENCY, batches.length) }, async () => {
      for (let next = batches.pop(); next !== undefined; next = batches.pop())
        await this.store.save(db, next);
    });
    await Promise.all(writers);
  }

  private async shrink(db: Kysely<EventLogDatabase>): Promise<void> {
    await this.flush(db);
    let excess = this.slots.size - Math.floor(this.capacity * 0.8);
    for (const key of this.slots.keys()) {
      if (excess <= 0) break;
      this.slots.delete(key);
      excess -= 1;
    }
  }
}
