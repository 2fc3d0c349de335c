import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import type { RunnerSnapshot } from './drains/drain-row';
import { applyDrainsEvents } from './drains/drains-store';
import { drainsToLoad } from './drains/fold-drain-events';
import { runnerSnapshotOf } from './drains/runner-snapshot-of';
import { applyPoolsEvents } from './pools/pools-store';
import type { PositionedPoolEvent } from './positioned-pool-event';
import { LIVE_TABLES } from './read-model-tables';
import { applyWorkerMapEvents, loadWorkerRows } from './worker-map/worker-map-store';

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
  const snapshots = new Map<string, RunnerSnapshot>();
  for (const [key, worker] of await loadWorkerRows(db, LIVE_TABLES.workerMap, toLoad.snapshots.values())) {
    snapshots.set(key, runnerSnapshotOf(worker));
  }
  await applyWorkerMapEvents(db, LIVE_TABLES.workerMap, events);
  await applyPoolsEvents(db, LIVE_TABLES.pools, events);
  await applyDrainsEvents(db, LIVE_TABLES.drains, events, toLoad.runners.values(), snapshots);
}
