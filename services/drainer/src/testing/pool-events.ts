import type {
  PoolEvent,
  RunnerBecameBusy,
  RunnerBecameIdle,
  RunnerConnected,
  RunnerDrainRequested,
  RunnerId,
  RunnerLost,
  RunnerStopped,
  RunnerStopRequested,
  RunnerUndrained,
} from '@rollcall/contracts';
import { evolveWatchedPool, unfoldedPool, type WatchedPool } from '../drain-process/watched-pool';

// Test data builders ("controls") for the pool events the drain process folds.

export const NAMESPACE = 'acme';
export const POOL = 'web';
const ref = { namespace: NAMESPACE, pool: POOL } as const;

/** Instants by the second from a fixed origin, so a case reads as a timeline. */
export function at(second: number): Date {
  return new Date(Date.UTC(2026, 2, 1, 12, 0, 0) + second * 1000);
}

export function connected(runnerId: RunnerId, second = 0): RunnerConnected {
  return {
    type: 'RunnerConnected',
    data: {
      ...ref,
      runnerId,
      version: 1,
      serverId: 'server-1',
      slots: 1,
      labels: {},
      connectedAt: iso(second),
    },
  };
}

export function busy(runnerId: RunnerId, second: number, activeSessions = 1): RunnerBecameBusy {
  return { type: 'RunnerBecameBusy', data: { ...ref, runnerId, activeSessions, at: iso(second) } };
}

export function idle(runnerId: RunnerId, second: number): RunnerBecameIdle {
  return { type: 'RunnerBecameIdle', data: { ...ref, runnerId, at: iso(second) } };
}

export function drained(runnerId: RunnerId, second: number, deadlineSecond: number): RunnerDrainRequested {
  return {
    type: 'RunnerDrainRequested',
    data: {
      ...ref,
      runnerId,
      reason: 'operator',
      requestedAt: iso(second),
      deadline: iso(deadlineSecond),
      requestedBy: 'operator:alice',
    },
  };
}

export function undrained(runnerId: RunnerId, second: number): RunnerUndrained {
  return {
    type: 'RunnerUndrained',
    data: { ...ref, runnerId, requestedBy: 'operator:alice', at: iso(second) },
  };
}

export function stopRequested(runnerId: RunnerId, second: number, forced = false): RunnerStopRequested {
  return {
    type: 'RunnerStopRequested',
    data: {
      ...ref,
      runnerId,
      forced,
      reason: forced ? 'drain_deadline' : 'drain_complete',
      requestedAt: iso(second),
    },
  };
}

export function stopped(runnerId: RunnerId, second: number): RunnerStopped {
  return { type: 'RunnerStopped', data: { ...ref, runnerId, at: iso(second) } };
}

export function lost(runnerId: RunnerId, second: number): RunnerLost {
  return {
    type: 'RunnerLost',
    data: { ...ref, runnerId, reason: 'stop_timeout', lastSeenAt: iso(second), at: iso(second) },
  };
}

/** The watched pool after `events`, folded at stream versions 1, 2, ... */
export function watchedAfter(events: readonly PoolEvent[]): WatchedPool {
  return events.reduce(
    (pool, event, index) => evolveWatchedPool(pool, event, BigInt(index + 1)),
    unfoldedPool(NAMESPACE, POOL),
  );
}

function iso(second: number): string {
  return at(second).toISOString();
}
