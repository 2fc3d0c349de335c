import { z } from 'zod';
import { GateAwaitingApproval } from './gate-awaiting-approval';
import { GateFailed } from './gate-failed';
import { GatePassed } from './gate-passed';
import { RollbackStarted } from './rollback-started';
import { RolloutAborted } from './rollout-aborted';
import { RolloutFinished } from './rollout-finished';
import { RolloutHalted } from './rollout-halted';
import { RolloutPaused } from './rollout-paused';
import { RolloutResumed } from './rollout-resumed';
import { RolloutStarted } from './rollout-started';
import { TargetBackedUp } from './target-backed-up';
import { TargetCleanedUp } from './target-cleaned-up';
import { TargetCompleted } from './target-completed';
import { TargetDrainingOld } from './target-draining-old';
import { TargetFailed } from './target-failed';
import { TargetHealthy } from './target-healthy';
import { TargetRollbackFailed } from './target-rollback-failed';
import { TargetRollbackRequested } from './target-rollback-requested';
import { TargetRolledBack } from './target-rolled-back';
import { TargetSkipped } from './target-skipped';
import { TargetStartFailed } from './target-start-failed';
import { TargetStartRequested } from './target-start-requested';
import { TargetStarted } from './target-started';

/** Every event of the `rollout` category (stream `rollout-<ns>+<rolloutId>`). */
export const RolloutEvent = z.discriminatedUnion('type', [
  RolloutStarted,
  TargetSkipped,
  TargetBackedUp,
  TargetStartRequested,
  TargetStartFailed,
  TargetStarted,
  TargetHealthy,
  TargetFailed,
  TargetDrainingOld,
  TargetCompleted,
  TargetCleanedUp,
  TargetRollbackRequested,
  TargetRolledBack,
  TargetRollbackFailed,
  RolloutPaused,
  RolloutResumed,
  RolloutAborted,
  RolloutHalted,
  RollbackStarted,
  GateAwaitingApproval,
  GatePassed,
  GateFailed,
  RolloutFinished,
]);
export type RolloutEvent = z.infer<typeof RolloutEvent>;
export type RolloutEventType = RolloutEvent['type'];

export const rolloutEventTypes: readonly RolloutEventType[] = RolloutEvent.options.map(
  (event) => event.shape.type.value,
);
