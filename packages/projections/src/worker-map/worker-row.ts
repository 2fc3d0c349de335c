import type { WorkerMapRow } from '@rollcall/contracts';

/**
 * The worker map's state for one runner, as the log tells it: the contract row minus what is derived
 * (`draining`, `available`) or comes from heartbeats at query time. Timestamps are canonical
 * (`toISOString`). `updatedPosition` is the global position of the last event that changed the row.
 */
export type WorkerRow = Readonly<
  Pick<
    WorkerMapRow,
    | 'namespace'
    | 'runnerId'
    | 'pool'
    | 'version'
    | 'build'
    | 'serverId'
    | 'labels'
    | 'slots'
    | 'status'
    | 'activeSessions'
    | 'idleSince'
    | 'startedAt'
    | 'lastSeenAt'
    | 'drain'
  > & { updatedPosition: bigint }
>;

/** The worker map's key: a runner id is unique within its namespace (a runner may move between pools). */
export function workerKey(row: Pick<WorkerRow, 'namespace' | 'runnerId'>): string {
  return `${row.namespace}/${row.runnerId}`;
}
