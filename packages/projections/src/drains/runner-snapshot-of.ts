import type { WorkerRow } from '../worker-map/worker-row';
import type { RunnerSnapshot } from './drain-row';

/** A runner's snapshot for the drains fold, from its worker-map row (see `RunnerSnapshot`). */
export function runnerSnapshotOf(worker: WorkerRow): RunnerSnapshot {
  return {
    pool: worker.pool,
    version: worker.version,
    serverId: worker.serverId,
    activeSessions: worker.activeSessions,
    sessionsAt: worker.lastSeenAt,
  };
}
