import type { WorkerMapRow } from '@rollcall/contracts';
import type { WorkerRow } from './worker-row';

/** The contract row from the log's view alone (no heartbeat): sessions and last sign of life as of the events. */
export function workerMapRowOf(row: WorkerRow): WorkerMapRow {
  return {
    runnerId: row.runnerId,
    namespace: row.namespace,
    pool: row.pool,
    version: row.version,
    build: row.build,
    serverId: row.serverId,
    labels: row.labels,
    slots: row.slots,
    status: row.status,
    draining: row.drain !== null,
    available: row.status === 'active' && row.drain === null,
    activeSessions: row.activeSessions,
    idleSince: row.idleSince,
    startedAt: row.startedAt,
    lastSeenAt: row.lastSeenAt,
    drain: row.drain,
  };
}
