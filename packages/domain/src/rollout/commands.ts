import type {
  LauncherErrorClass,
  RolloutAbortedData,
  RolloutRef,
  RolloutStartedData,
  RunnerId,
  TargetBackedUpData,
  TargetErrorClass,
  TargetId,
  TargetStartedData,
  TargetStartRequestedData,
} from '@rollcall/contracts';
import type { CommandMetadata } from '../pool/decide';

// Commands never travel on the wire: a service builds them from a validated HTTP body or from what the
// upgrader observed, and `decide` turns them into rollout events.

/** Every command names the rollout (the aggregate, stream `rollout-<ns>+<rolloutId>`) it is meant for. */
export type RolloutCommandRef = Readonly<Pick<RolloutRef, 'namespace' | 'rolloutId'>>;

type RolloutCommandOf<Type extends string, Data> = Readonly<{
  type: Type;
  data: RolloutCommandRef & Readonly<Data>;
  metadata: CommandMetadata;
}>;

type TargetCommandOf<Type extends string, Data = unknown> = RolloutCommandOf<
  Type,
  { targetId: TargetId } & Data
>;

/**
 * Starts a rollout whose pool guard was just taken (`BeginRollout`, whose `RolloutBegan` carries the
 * catalog entry's build, artifact and digest). Pinned targets, and targets already on the version, are
 * skipped at once with the reason.
 */
export type StartRollout = RolloutCommandOf<
  'StartRollout',
  Pick<
    RolloutStartedData,
    | 'pool'
    | 'version'
    | 'build'
    | 'artifact'
    | 'digest'
    | 'strategy'
    | 'targetBy'
    | 'targets'
    | 'healthyWindowSeconds'
    | 'failureThreshold'
    | 'autoRollback'
  >
>;

/** The target's state read from the pool just before it moves; the target begins (`starting`). */
export type RecordTargetBackedUp = TargetCommandOf<
  'RecordTargetBackedUp',
  Pick<TargetBackedUpData, 'previousVersion' | 'previousConfig' | 'oldRunnerIds'>
>;

export type RequestTargetStart = TargetCommandOf<
  'RequestTargetStart',
  Pick<TargetStartRequestedData, 'forceRefresh'>
>;

/** A launcher's `{ok: false}` to start `attempt`, with the runners that did start, if any. */
export type RecordTargetStartFailed = TargetCommandOf<
  'RecordTargetStartFailed',
  {
    attempt: number;
    errorClass: LauncherErrorClass;
    message: string;
    runnerIds?: readonly RunnerId[] | undefined;
  }
>;

export type RecordTargetStarted = TargetCommandOf<
  'RecordTargetStarted',
  Pick<TargetStartedData, 'attempt' | 'runnerIds'>
>;

/** The new runners connected and stayed healthy for the rollout's `healthyWindowSeconds`. */
export type RecordTargetHealthy = TargetCommandOf<'RecordTargetHealthy'>;

/** The new runners did not connect, or did not stay healthy (lost, stopped, crashed). */
export type RecordTargetUnhealthy = TargetCommandOf<'RecordTargetUnhealthy', { why: string }>;

/** The drain of the target's old runners (reason `rollout`) is recorded on the pool. */
export type RecordOldDrained = TargetCommandOf<'RecordOldDrained'>;

/** The target's old runners have all stopped. */
export type CompleteTarget = TargetCommandOf<'CompleteTarget'>;

/** Leaves a target that has not begun as it is. */
export type SkipTarget = TargetCommandOf<'SkipTarget', { why: string }>;

/** A failed target's new runners are stopped and its old ones undrained (or restarted). */
export type RecordTargetCleanedUp = TargetCommandOf<'RecordTargetCleanedUp'>;

/** The target runs its backed-up version and config again; `runnerIds` serve it now. */
export type RecordTargetRolledBack = TargetCommandOf<
  'RecordTargetRolledBack',
  { runnerIds: readonly RunnerId[] }
>;

export type RecordTargetRollbackFailed = TargetCommandOf<
  'RecordTargetRollbackFailed',
  { errorClass: TargetErrorClass; message: string }
>;

export type PauseRollout = RolloutCommandOf<'PauseRollout', unknown>;
export type ResumeRollout = RolloutCommandOf<'ResumeRollout', unknown>;
export type AbortRollout = RolloutCommandOf<'AbortRollout', Pick<RolloutAbortedData, 'reason'>>;
export type ApproveGate = RolloutCommandOf<'ApproveGate', unknown>;
export type RejectGate = RolloutCommandOf<'RejectGate', { reason?: string | undefined }>;
/** An operator's rollback: every moved target returns to exactly its backed-up version and config. */
export type RollbackRollout = RolloutCommandOf<'RollbackRollout', unknown>;

/** Commands the upgrader (the process manager) sends as it carries out `nextActions`. */
export type TargetStepCommand =
  | RecordTargetBackedUp
  | RequestTargetStart
  | RecordTargetStartFailed
  | RecordTargetStarted
  | RecordTargetHealthy
  | RecordTargetUnhealthy
  | RecordOldDrained
  | CompleteTarget
  | SkipTarget
  | RecordTargetCleanedUp
  | RecordTargetRolledBack
  | RecordTargetRollbackFailed;

/** Commands an operator steers a rollout with. */
export type SteeringCommand =
  | PauseRollout
  | ResumeRollout
  | AbortRollout
  | ApproveGate
  | RejectGate
  | RollbackRollout;

export type RolloutCommand = StartRollout | TargetStepCommand | SteeringCommand;
