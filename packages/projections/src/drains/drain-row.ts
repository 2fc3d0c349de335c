import type { DrainView, IsoTimestamp, StopReason, Version, WorkerMapRow } from '@rollcall/contracts';

/**
 * Where a drain stands in the log. `draining` and `stopping` are in progress; the view splits `draining` by
 * what it learns at query time (notice sent or not, sessions left).
 */
export type DrainPhase = 'draining' | 'stopping' | 'stopped' | 'forced' | 'lost' | 'undrained';

export const OPEN_DRAIN_PHASES = ['draining', 'stopping'] as const satisfies readonly DrainPhase[];

/**
 * One drain request of one runner as the log tells it: the `drains` table's row. Timestamps are canonical
 * (`toISOString`). `id` is the global position of the `RunnerDrainRequested` that started it; positions tie
 * the row to what the runner-command relay has sent (`noticePosition`, `stopPosition`).
 */
export type DrainRow = Readonly<
  Pick<
    DrainView,
    | 'namespace'
    | 'runnerId'
    | 'pool'
    | 'version'
    | 'serverId'
    | 'reason'
    | 'supersededBy'
    | 'requestedBy'
    | 'requestedAt'
    | 'deadline'
    | 'activeSessions'
    | 'stopRequestedAt'
    | 'endedAt'
    | 'outcome'
  > & {
    id: bigint;
    phase: DrainPhase;
    /** Position of the latest drain notice for this drain (a re-registered runner is told again). */
    noticePosition: bigint;
    /** When `activeSessions` was last set by an event; a newer heartbeat wins at query time. */
    sessionsAt: IsoTimestamp;
    /** Position of the `RunnerStopRequested`; null before it. */
    stopPosition: bigint | null;
    stopForced: boolean;
    stopReason: StopReason | null;
    /** Position of the last event that changed the row. */
    updatedPosition: bigint;
  }
>;

/**
 * What the drains reducer knows of a runner when it is drained: where it is registered, with which version,
 * and its sessions as of the log. `sessionsAt` is the latest of its registration and busy/idle times, which
 * is the worker map's `lastSeenAt` for a runner in service, so a snapshot taken from the worker map equals one
 * folded from the events.
 */
export type RunnerSnapshot = Readonly<
  Pick<WorkerMapRow, 'pool' | 'serverId' | 'activeSessions'> & { version: Version; sessionsAt: IsoTimestamp }
>;

export function isOpen(row: Pick<DrainRow, 'phase'>): boolean {
  return row.phase === 'draining' || row.phase === 'stopping';
}

/** A runner's key in the namespace (runner ids are unique within a namespace, whatever the pool). */
export function runnerKey(runner: { readonly namespace: string; readonly runnerId: string }): string {
  return `${runner.namespace}/${runner.runnerId}`;
}
