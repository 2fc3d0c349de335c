import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import type { DrainRow, RunnerSnapshot } from '../drains/drain-row';
import { loadOpenDrains, saveDrainRows } from '../drains/drains-store';
import { type DrainRunnerRef, foldDrainEvents } from '../drains/fold-drain-events';
import type { PositionedPoolEvent } from '../positioned-pool-event';

/**
 * The drains a rebuild folds, kept between pages like the other read models' write-back caches: each
 * runner's latest drain stays in memory (loaded from the table once when it left), and every row that
 * changed is written at the next flush, including one that ended and was followed by a new drain of the
 * same runner before the flush. Bounded: past `capacity` runners the changes are written and the oldest
 * fifth forgotten.
 */
export class DrainsWriteBack {
  private readonly latest = new Map<string, DrainRow | null>();
  private dirty = new Map<bigint, DrainRow>();

  constructor(
    private readonly table: string,
    private readonly capacity: number,
    private readonly batchSize: number,
  ) {}

  /**
   * Folds a page about `runners`; `snapshots` holds the runners the page drains as they were before it
   * (both from `drainsToLoad`).
   */
  async fold(
    db: Kysely<EventLogDatabase>,
    events: readonly PositionedPoolEvent[],
    runners: ReadonlyMap<string, DrainRunnerRef>,
    snapshots: Map<string, RunnerSnapshot>,
  ): Promise<void> {
    const missing = [...runners].filter(([key]) => !this.latest.has(key));
    if (missing.length > 0) {
      const open = await loadOpenDrains(
        db,
        this.table,
        missing.map(([, ref]) => ref),
      );
      for (const [key] of missing) this.latest.set(key, open.get(key) ?? null);
    }
    foldDrainEvents({ latest: this.latest, runners: snapshots }, events, this.dirty);
    if (this.latest.size > this.capacity) await this.shrink(db);
  }

  async flush(db: Kysely<EventLogDatabase>): Promise<void> {
    const rows = [...this.dirty.values()];
    this.dirty = new Map();
    for (let start = 0; start < rows.length; start += this.batchSize) {
      await saveDrainRows(db, this.table, rows.slice(start, start + this.batchSize));
    }
  }

  private async shrink(db: Kysely<EventLogDatabase>): Promise<void> {
    await this.flush(db);
    let excess = this.latest.size - Math.floor(this.capacity * 0.8);
    for (const key of this.latest.keys()) {
      if (excess <= 0) break;
      this.latest.delete(key);
      excess -= 1;
    }
  }
}
