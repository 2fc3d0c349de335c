import type { Namespace, PoolName } from '@rollcall/contracts';
import { evolvePoolRow } from '../pools/evolve-pool-row';
import { type PoolRow, poolKey } from '../pools/pool-row';
import { evolveWorkerRow } from '../worker-map/evolve-worker-row';
import { isWorkerMapEvent } from '../worker-map/fold-worker-events';
import { type WorkerRow, workerKey } from '../worker-map/worker-row';
import type { CachedReadModel } from './write-back-cache';

/** What a worker-map row is looked up by. */
export type WorkerRef = Pick<WorkerRow, 'namespace' | 'runnerId'>;

/** The worker map as the rebuild folds it: the same reducer as the live projector. */
export const workerMapModel: CachedReadModel<WorkerRow, WorkerRef> = {
  refOf: ({ event }) => (isWorkerMapEvent(event) ? event.data : null),
  keyOf: workerKey,
  // A connect registers the runner afresh, whatever its row said.
  needsStoredRow: ({ event }) => event.type !== 'RunnerConnected',
  evolve: (row, { event, position }) => evolveWorkerRow(row, event, position),
};

/** The pools projection as the rebuild folds it. */
export const poolsModel: CachedReadModel<PoolRow, { namespace: Namespace; pool: PoolName }> = {
  refOf: ({ event }) => event.data,
  keyOf: poolKey,
  needsStoredRow: () => true,
  evolve: (row, { event, position }) => evolvePoolRow(row, event, position),
};
