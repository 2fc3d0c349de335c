import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { applyPoolsEvents } from './pools/pools-store';
import type { PositionedPoolEvent } from './positioned-pool-event';
import { LIVE_TABLES } from './read-model-tables';
import { applyWorkerMapEvents } from './worker-map/worker-map-store';

/**
 * Applies a batch of pool events to both live read models. Run it in the transaction that stores the
 * checkpoint.
 * The worker map is always touched before the pools table: a rebuild's swap locks them in that order, and
 * the same order on both sides is what keeps the two from deadlocking.
 */
export async function applyPoolEvents(
  db: Kysely<EventLogDatabase>,
  events: readonly PositionedPoolEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await applyWorkerMapEvents(db, LIVE_TABLES.workerMap, events);
  await applyPoolsEvents(db, LIVE_TABLES.pools, events);
}
