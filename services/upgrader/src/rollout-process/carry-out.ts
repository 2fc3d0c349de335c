import type { RolloutAction } from '@rollcall/domain';
import { backUpTarget } from './back-up-target';
import { completeWhenOldStopped, drainOldRunners } from './drain-old-runners';
import { launchTarget, settleLaunch } from './launch-target';
import { releasePool } from './release-pool';
import { cleanUpTarget, rollBackTarget } from './restore-target';
import { commandBase, recordStep, type StepContext } from './step-context';
import { watchTargetHealth } from './watch-target-health';

/** Carries out one of `nextActions` and records its result with the command the action names. */
export async function carryOut(context: StepContext, action: RolloutAction): Promise<void> {
  switch (action.kind) {
    case 'back-up':
      return backUpTarget(context, action.targetId, action.expected);
    case 'request-start':
      return requestStart(context, action.targetId, action.forceRefresh);
    case 'launch':
      return launchTarget(context, action.targetId, action.attempt, action.request);
    case 'settle-launch':
      return settleLaunch(context, action.targetId, action.attempt, action.request);
    case 'watch-health':
      return watchTargetHealth(context, action.targetId, action.runnerIds, action.healthyAt);
    case 'drain-old':
      return drainOldRunners(context, action.targetId, action.runnerIds, action.supersededBy);
    case 'await-old-stopped':
      return completeWhenOldStopped(context, action.targetId, action.runnerIds);
    case 'clean-up':
      return cleanUpTarget(context, action.targetId, action.plan);
    case 'roll-back':
      return rollBackTarget(context, action.targetId, action.plan);
    case 'await-approval':
      // An operator approves or rejects the gate through the api; nothing to do until then.
      return;
    case 'release-pool':
      return releasePool(context, action.outcome);
    default:
      return unknownAction(action);
  }
}

function unknownAction(action: never): never {
  throw new TypeError(`unknown rollout action: ${JSON.stringify(action)}`);
}

/** Names an action for this turn's bookkeeping: the same target step (and attempt) is the same action. */
export function actionKey(action: RolloutAction): string {
  switch (action.kind) {
    case 'launch':
    case 'settle-launch':
      return `${action.kind}|${action.targetId}|${action.attempt}`;
    case 'await-approval':
    case 'release-pool':
      return action.kind;
    default:
      return `${action.kind}|${action.targetId}`;
  }
}

async function requestStart(context: StepContext, targetId: string, forceRefresh: boolean): Promise<void> {
  const { ref, metadata } = commandBase(context);
  await recordStep(context, `${targetId}|request-start`, {
    type: 'RequestTargetStart',
    data: { ...ref, targetId, forceRefresh },
    metadata,
  });
}
