import type { PoolEvent } from '@rollcall/contracts';
import { evolve, initialState, type PoolState } from '@rollcall/domain';

// Test data builders for the upgrader's pure parts: a pool folded from the events that matter to a rollout.

export const T0 = Date.parse('2026-01-31T12:00:00.000Z');
const ref = { namespace: 'acme', pool: 'web' } as const;

export function iso(msAfterT0: number): string {
  return new Date(T0 + msAfterT0).toISOString();
}

export function connected(
  runnerId: string,
  runner: { version?: number; serverId?: string; labels?: Record<string, string>; at?: number } = {},
): PoolEvent {
  const { version = 1, serverId = 'server-a', labels = {}, at = 0 } = runner;
  return {
    type: 'RunnerConnected',
    data: { ...ref, runnerId, version, serverId, slots: 1, labels, connectedAt: iso(at) },
  };
}

export function stopped(runnerId: string, at = 0): PoolEvent {
  return { type: 'RunnerStopped', data: { ...ref, runnerId, at: iso(at) } };
}

export function lost(runnerId: string, at = 0): PoolEvent {
  return {
    type: 'RunnerLost',
    data: { ...ref, runnerId, reason: 'missed_heartbeats', lastSeenAt: iso(at), at: iso(at) },
  };
}

export function drained(runnerId: string, at = 0): PoolEvent {
  return {
    type: 'RunnerDrainRequested',
    data: {
      ...ref,
      runnerId,
      reason: 'operator',
      requestedAt: iso(at),
      deadline: iso(at + 60_000),
      requestedBy: 'alice',
    },
  };
}

export function poolOf(...events: readonly PoolEvent[]): PoolState {
  return events.reduce(evolve, initialState());
}
