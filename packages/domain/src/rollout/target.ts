import type {
  IsoTimestamp,
  RolloutTarget,
  RunnerId,
  TargetBackedUpData,
  TargetError,
  TargetId,
  TargetRollbackRequestedData,
  TargetSkippedData,
} from '@rollcall/contracts';

/**
 * Where one target is in its move: `pending` -> `starting` (backed up, new version being started and
 * watched) -> `healthy` -> `draining_old` -> `done`; or `failed` (never half-done: its new runners stopped,
 * its old ones kept), `skipped` (with why), `rolling_back` -> `rolled_back`.
 */
export type TargetStatus =
  | 'pending'
  | 'starting'
  | 'healthy'
  | 'draining_old'
  | 'done'
  | 'failed'
  | 'skipped'
  | 'rolling_back'
  | 'rolled_back';

/** The target as it was just before it moved: what a rollback returns it to. */
export type TargetBackup = Readonly<
  Pick<TargetBackedUpData, 'previousVersion' | 'previousConfig' | 'oldRunnerIds' | 'at'>
>;

/** The latest start asked of the target's launcher(s); attempt 2 is the forced re-pull. */
export type TargetLaunch = Readonly<{
  attempt: number;
  forceRefresh: boolean;
  status: 'requested' | 'started' | 'failed';
  /** When the launch was requested, or answered once it is. */
  at: IsoTimestamp;
}>;

export type TargetFailure = Readonly<{
  during: 'start' | 'health' | 'rollback';
  error: TargetError;
  at: IsoTimestamp;
}>;

export type RolloutTargetState = Readonly<{
  targetId: TargetId;
  /** Position in the rollout's target list: the order targets begin in. */
  index: number;
  /** The target as the rollout was started with it (expected previous state, pin, own settings). */
  spec: RolloutTarget;
  canary: boolean;
  status: TargetStatus;
  backup: TargetBackup | null;
  launch: TargetLaunch | null;
  /** Runners the rollout started for the target (the new version): stopped if the target is undone. */
  newRunnerIds: readonly RunnerId[];
  /** The drain of the old runners is recorded on the pool: undoing the target undrains them. */
  oldDrainRequested: boolean;
  /** The old runners have stopped (the target was done): undoing it starts the previous version again. */
  oldStopped: boolean;
  failure: TargetFailure | null;
  /** A failed target whose new runners still run or whose old ones are still drained. */
  cleanupPending: boolean;
  skipped: Readonly<Pick<TargetSkippedData, 'why' | 'by'>> | null;
  rollbackCause: TargetRollbackRequestedData['cause'] | null;
  /** Previous-version runners serving the target again after its rollback. */
  restoredRunnerIds: readonly RunnerId[];
  updatedAt: IsoTimestamp;
}>;

/** Begun and not yet at rest: what a rolling strategy counts against its batch. */
export const MOVING_STATUSES: readonly TargetStatus[] = ['starting', 'healthy', 'draining_old'];

export function isMoving(target: RolloutTargetState): boolean {
  return MOVING_STATUSES.includes(target.status);
}
