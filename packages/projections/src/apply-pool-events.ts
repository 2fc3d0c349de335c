import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { applyDrainsEvents, loadRunnerSnapshots } from './drains/drains-store';
import { drainsToLoad } from './drains/fold-drain-events';
import { applyPoolsEvents } from './pools/pools-store';
import type { PositionedPoolEvent } from './positioned-pool-event';
import { LIVE_TABLES } from './read-model-tables';
import { applyWorkerMapEvents } from './worker-map/worker-map-store';

/**
 * Applies a batch of pool events to the live read models. Run it in the transaction that stores the
 * checkpoint.
 * The tables are always touched in the order worker_map, pools, drains: a rebuild's swap locks them in that
 * order, and the same order on both sides is what keeps the two from deadlocking. The drains fold needs the
 * runners the batch is about as they were before it, so they are read from the worker map first.
 */
export async function applyPoolEvents(
  db: Kysely<EventLogDatabase>,
  events: readonly PositionedPoolEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const toLoad = drainsToLoad(events);
  const snapshots = await loadRunnerSnapshots(db, LIVE_TABLES.workerMap, toLoad.snapshots.values());
  await applyWorkerMapEvents(db, LIVE_TABLES.workerMap, events);
  await applyPoolsEvents(db, LIVE_TABLES.pools, events);
  await applyDrainsEvents(db, LIVE_TABLES.drains, events, toLoad.runners.values(), snapshots);
}
