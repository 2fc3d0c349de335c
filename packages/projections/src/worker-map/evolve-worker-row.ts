import type {
  PoolEvent,
  PoolEventType,
  RunnerConnectedData,
  RunnerDrainRequestedData,
} from '@rollcall/contracts';
import { canonicalTime, laterTime } from '../canonical-time';
import type { WorkerRow } from './worker-row';

/** The pool events that can change a worker-map row; the others never reach `evolveWorkerRow`'s store. */
export const workerMapEventTypes = [
  'RunnerConnected',
  'RunnerDrainRequested',
  'RunnerUndrained',
  'RunnerBecameIdle',
  'RunnerBecameBusy',
  'RunnerStopRequested',
  'RunnerStopped',
  'RunnerLost',
] as const satisfies readonly PoolEventType[];

/**
 * Folds one pool event at `position` into the runner's row (null: the map has no row for it, and only a
 * connect gives it one). Pure, and mirrors the pool aggregate's `evolve`: a connect registers the runner
 * afresh, drains and stops only move live runners, and stopped and lost rows are kept (never deleted) so
 * dashboards see recent history. Returns the same object when nothing changed (the store then
 * writes nothing), and ignores an event at or below the row's `updatedPosition`, so a redelivered batch is a
 * no-op. An event about a runner whose row belongs to another pool (it moved) leaves the row alone.
 */
export function evolveWorkerRow(row: WorkerRow | null, event: PoolEvent, position: bigint): WorkerRow | null {
  if (row !== null && position <= row.updatedPosition) return row;
  if (event.type === 'RunnerConnected') return connected(event.data, position);
  if (row === null || row.pool !== event.data.pool) return row;
  switch (event.type) {
    case 'RunnerDrainRequested':
      return row.status === 'active' || row.status === 'draining'
        ? { ...row, status: 'draining', drain: drainOf(event.data), updatedPosition: position }
        : row;
    case 'RunnerUndrained':
      return row.status === 'draining'
        ? { ...row, status: 'active', drain: null, updatedPosition: position }
        : row;
    case 'RunnerBecameIdle': {
      const at = canonicalTime(event.data.at);
      return {
        ...row,
        activeSessions: 0,
        idleSince: at,
        lastSeenAt: laterTime(row.lastSeenAt, at),
        updatedPosition: position,
      };
    }
    case 'RunnerBecameBusy':
      return {
        ...row,
        activeSessions: event.data.activeSessions,
        idleSince: null,
        lastSeenAt: laterTime(row.lastSeenAt, canonicalTime(event.data.at)),
        updatedPosition: position,
      };
    case 'RunnerStopRequested':
      return row.status === 'active' || row.status === 'draining'
        ? { ...row, status: 'stopping', updatedPosition: position }
        : row;
    case 'RunnerStopped':
      return {
        ...row,
        status: 'stopped',
        lastSeenAt: laterTime(row.lastSeenAt, canonicalTime(event.data.at)),
        updatedPosition: position,
      };
    case 'RunnerLost':
      return {
        ...row,
        status: 'lost',
        lastSeenAt: laterTime(row.lastSeenAt, canonicalTime(event.data.lastSeenAt)),
        updatedPosition: position,
      };
    default:
      return row;
  }
}

function connected(data: RunnerConnectedData, position: bigint): WorkerRow {
  const at = canonicalTime(data.connectedAt);
  return {
    namespace: data.namespace,
    runnerId: data.runnerId,
    pool: data.pool,
    version: data.version,
    build: data.build ?? null,
    serverId: data.serverId,
    labels: data.labels,
    slots: data.slots,
    status: 'active',
    activeSessions: 0,
    idleSince: at,
    startedAt: at,
    lastSeenAt: at,
    drain: null,
    updatedPosition: position,
  };
}

function drainOf(data: RunnerDrainRequestedData): WorkerRow['drain'] {
  return {
    reason: data.reason,
    supersededBy: data.supersededBy ?? null,
    requestedAt: canonicalTime(data.requestedAt),
    deadline: canonicalTime(data.deadline),
    requestedBy: data.requestedBy,
  };
}
