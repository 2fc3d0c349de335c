import type { z } from 'zod';
import { GateAwaitingApprovalData } from './gate-awaiting-approval';
import { GateFailedData } from './gate-failed';
import { GatePassedData } from './gate-passed';
import { RollbackStartedData } from './rollback-started';
import { RolloutAbortedData } from './rollout-aborted';
import type { RolloutEventType } from './rollout-event';
import { RolloutFinishedData } from './rollout-finished';
import { RolloutHaltedData } from './rollout-halted';
import { RolloutPausedData } from './rollout-paused';
import { RolloutResumedData } from './rollout-resumed';
import { RolloutStartedData } from './rollout-started';
import { TargetBackedUpData } from './target-backed-up';
import { TargetCleanedUpData } from './target-cleaned-up';
import { TargetCompletedData } from './target-completed';
import { TargetDrainingOldData } from './target-draining-old';
import { TargetFailedData } from './target-failed';
import { TargetHealthyData } from './target-healthy';
import { TargetRollbackFailedData } from './target-rollback-failed';
import { TargetRollbackRequestedData } from './target-rollback-requested';
import { TargetRolledBackData } from './target-rolled-back';
import { TargetSkippedData } from './target-skipped';
import { TargetStartFailedData } from './target-start-failed';
import { TargetStartRequestedData } from './target-start-requested';
import { TargetStartedData } from './target-started';

/**
 * Input for the event log's registry: the current data schema and schema version of each rollout event
 * type. A breaking data change bumps `version` and adds an upcaster in the registry, never edits history.
 */
export const rolloutEventSchemas = {
  RolloutStarted: { schema: RolloutStartedData, version: 1 },
  TargetSkipped: { schema: TargetSkippedData, version: 1 },
  TargetBackedUp: { schema: TargetBackedUpData, version: 1 },
  TargetStartRequested: { schema: TargetStartRequestedData, version: 1 },
  TargetStartFailed: { schema: TargetStartFailedData, version: 1 },
  TargetStarted: { schema: TargetStartedData, version: 1 },
  TargetHealthy: { schema: TargetHealthyData, version: 1 },
  TargetFailed: { schema: TargetFailedData, version: 1 },
  TargetDrainingOld: { schema: TargetDrainingOldData, version: 1 },
  TargetCompleted: { schema: TargetCompletedData, version: 1 },
  TargetCleanedUp: { schema: TargetCleanedUpData, version: 1 },
  TargetRollbackRequested: { schema: TargetRollbackRequestedData, version: 1 },
  TargetRolledBack: { schema: TargetRolledBackData, version: 1 },
  TargetRollbackFailed: { schema: TargetRollbackFailedData, version: 1 },
  RolloutPaused: { schema: RolloutPausedData, version: 1 },
  RolloutResumed: { schema: RolloutResumedData, version: 1 },
  RolloutAborted: { schema: RolloutAbortedData, version: 1 },
  RolloutHalted: { schema: RolloutHaltedData, version: 1 },
  RollbackStarted: { schema: RollbackStartedData, version: 1 },
  GateAwaitingApproval: { schema: GateAwaitingApprovalData, version: 1 },
  GatePassed: { schema: GatePassedData, version: 1 },
  GateFailed: { schema: GateFailedData, version: 1 },
  RolloutFinished: { schema: RolloutFinishedData, version: 1 },
} as const satisfies Record<RolloutEventType, { readonly schema: z.ZodType; readonly version: number }>;
