import type { RolloutEvent, TargetError, TargetRef } from '@rollcall/contracts';
import type {
  CompleteTarget,
  RecordOldDrained,
  RecordTargetBackedUp,
  RecordTargetCleanedUp,
  RecordTargetHealthy,
  RecordTargetRollbackFailed,
  RecordTargetRolledBack,
  RecordTargetStarted,
  RecordTargetStartFailed,
  RecordTargetUnhealthy,
  RequestTargetStart,
  SkipTarget,
  TargetStepCommand,
} from './commands';
import { InvalidRolloutTransitionError, UnknownTargetError } from './errors';
import { mayBegin } from './pacing';
import type { Rollout } from './state';
import type { RolloutTargetState, TargetStatus } from './target';

/*
 * One rule for every step the upgrader reports: a step the target has already taken (or a target already
 * at rest) decides nothing, so a process manager that restarts and reports again is harmless; a step the
 * target has not reached is refused with InvalidRolloutTransitionError.
 */

type Step = Readonly<{ command: TargetStepCommand; rollout: Rollout; target: RolloutTargetState }>;

export function decideTargetStep(command: TargetStepCommand, rollout: Rollout): RolloutEvent[] {
  const target = rollout.targets.get(command.data.targetId);
  if (target === undefined) throw new UnknownTargetError(rollout.rolloutId, command.data.targetId);
  switch (command.type) {
    case 'RecordTargetBackedUp':
      return recordBackedUp(command, rollout, target);
    case 'RequestTargetStart':
      return requestStart(command, rollout, target);
    case 'RecordTargetStartFailed':
      return recordStartFailed(command, rollout, target);
    case 'RecordTargetStarted':
      return recordStarted(command, rollout, target);
    case 'RecordTargetHealthy':
      return recordHealthy(command, rollout, target);
    case 'RecordTargetUnhealthy':
      return recordUnhealthy(command, rollout, target);
    case 'RecordOldDrained':
      return recordOldDrained(command, rollout, target);
    case 'CompleteTarget':
      return completeTarget(command, rollout, target);
    case 'SkipTarget':
      return skipTarget(command, rollout, target);
    case 'RecordTargetCleanedUp':
      return recordCleanedUp(command, rollout, target);
    case 'RecordTargetRolledBack':
      return recordRolledBack(command, rollout, target);
    case 'RecordTargetRollbackFailed':
      return recordRollbackFailed(command, rollout, target);
    default:
      return unknownCommand(command);
  }
}

function unknownCommand(command: never): never {
  throw new TypeError(`unknown rollout command: ${JSON.stringify(command)}`);
}

function refuse({ command, rollout, target }: Step, why?: string): InvalidRolloutTransitionError {
  return new InvalidRolloutTransitionError({
    rolloutId: rollout.rolloutId,
    command: command.type,
    status: target.status,
    targetId: target.targetId,
    why,
  });
}

function refIn(rollout: Rollout, target: RolloutTargetState): TargetRef {
  const { namespace, pool, rolloutId } = rollout;
  return { namespace, pool, rolloutId, targetId: target.targetId };
}

/**
 * Whether the target has left `upTo`, the statuses up to the one a step moves it out of: it took the step
 * already, or it is at rest (failed, skipped, rolling back...), and a report of the step is a repeat.
 */
function hasPassed(target: RolloutTargetState, ...upTo: readonly TargetStatus[]): boolean {
  return !upTo.includes(target.status);
}

function recordBackedUp(
  command: RecordTargetBackedUp,
  rollout: Rollout,
  target: RolloutTargetState,
): RolloutEvent[] {
  if (target.status !== 'pending') return [];
  if (!mayBegin(rollout, target.targetId)) {
    throw refuse(
      { command, rollout, target },
      rollout.status === 'running'
        ? 'the strategy does not let it begin yet'
        : `the rollout is ${rollout.status}`,
    );
  }
  const { previousVersion, previousConfig, oldRunnerIds } = command.data;
  const at = command.metadata.now.toISOString();
  return [
    {
      type: 'TargetBackedUp',
      data: {
        ...refIn(rollout, target),
        previousVersion,
        previousConfig,
        oldRunnerIds: [...oldRunnerIds],
        at,
      },
    },
  ];
}

function requestStart(
  command: RequestTargetStart,
  rollout: Rollout,
  target: RolloutTargetState,
): RolloutEvent[] {
  if (target.status === 'pending') throw refuse({ command, rollout, target }, 'back it up first');
  if (target.status !== 'starting' || target.launch !== null) return [];
  return [
    {
      type: 'TargetStartRequested',
      data: {
        ...refIn(rollout, target),
        attempt: 1,
        forceRefresh: command.data.forceRefresh,
        at: command.metadata.now.toISOString(),
      },
    },
  ];
}

/** Whether a launcher's answer to `attempt` is news: it answers the start awaiting one. */
function answersLaunch(step: Step, attempt: number): boolean {
  const launch = step.target.launch;
  if (launch === null || attempt > launch.attempt) {
    throw refuse(step, `no start attempt ${attempt} was requested`);
  }
  return attempt === launch.attempt && launch.status === 'requested';
}

/**
 * Self-heal: an `artifact_invalid` from a start that used the launcher's cache is answered with one forced
 * re-pull (attempt 2) before the target fails. A target already rolling back only records the answer.
 */
function recordStartFailed(
  command: RecordTargetStartFailed,
  rollout: Rollout,
  target: RolloutTargetState,
): RolloutEvent[] {
  const step = { command, rollout, target };
  const { attempt, errorClass, message, runnerIds = [] } = command.data;
  if (!answersLaunch(step, attempt)) return [];
  const ref = refIn(rollout, target);
  const at = command.metadata.now.toISOString();
  const error: TargetError = { class: errorClass, message };
  const moving = target.status === 'starting';
  const retrying = moving && errorClass === 'artifact_invalid' && target.launch?.forceRefresh === false;
  const failed: RolloutEvent = {
    type: 'TargetStartFailed',
    data: { ...ref, attempt, error, runnerIds: [...runnerIds], retrying, at },
  };
  if (retrying) {
    return [
      failed,
      { type: 'TargetStartRequested', data: { ...ref, attempt: attempt + 1, forceRefresh: true, at } },
    ];
  }
  if (!moving) return [failed];
  return [failed, { type: 'TargetFailed', data: { ...ref, during: 'start', error, at } }];
}

function recordStarted(
  command: RecordTargetStarted,
  rollout: Rollout,
  target: RolloutTargetState,
): RolloutEvent[] {
  const { attempt, runnerIds } = command.data;
  if (!answersLaunch({ command, rollout, target }, attempt)) return [];
  return [
    {
      type: 'TargetStarted',
      data: {
        ...refIn(rollout, target),
        attempt,
        runnerIds: [...runnerIds],
        at: command.metadata.now.toISOString(),
      },
    },
  ];
}

function requireStarted(step: Step): void {
  if (step.target.status === 'pending' || step.target.launch?.status !== 'started') {
    throw refuse(step, 'its new runners are not started');
  }
}

function recordHealthy(
  command: RecordTargetHealthy,
  rollout: Rollout,
  target: RolloutTargetState,
): RolloutEvent[] {
  if (hasPassed(target, 'pending', 'starting')) return [];
  requireStarted({ command, rollout, target });
  return [
    { type: 'TargetHealthy', data: { ...refIn(rollout, target), at: command.metadata.now.toISOString() } },
  ];
}

/** New runners that do not stay healthy fail the target, also after the window while old ones drain. */
function recordUnhealthy(
  command: RecordTargetUnhealthy,
  rollout: Rollout,
  target: RolloutTargetState,
): RolloutEvent[] {
  if (hasPassed(target, 'pending', 'starting', 'healthy', 'draining_old')) return [];
  if (target.status === 'pending' || target.status === 'starting')
    requireStarted({ command, rollout, target });
  return [
    {
      type: 'TargetFailed',
      data: {
        ...refIn(rollout, target),
        during: 'health',
        error: { class: 'unhealthy', message: command.data.why },
        at: command.metadata.now.toISOString(),
      },
    },
  ];
}

function recordOldDrained(
  command: RecordOldDrained,
  rollout: Rollout,
  target: RolloutTargetState,
): RolloutEvent[] {
  if (hasPassed(target, 'pending', 'starting', 'healthy')) return [];
  if (target.status !== 'healthy')
    throw refuse({ command, rollout, target }, 'its new runners are not healthy yet');
  return [
    {
      type: 'TargetDrainingOld',
      data: {
        ...refIn(rollout, target),
        runnerIds: [...(target.backup?.oldRunnerIds ?? [])],
        at: command.metadata.now.toISOString(),
      },
    },
  ];
}

function completeTarget(
  command: CompleteTarget,
  rollout: Rollout,
  target: RolloutTargetState,
): RolloutEvent[] {
  if (hasPassed(target, 'pending', 'starting', 'healthy', 'draining_old')) return [];
  if (target.status !== 'draining_old') {
    throw refuse({ command, rollout, target }, 'its old runners are not draining yet');
  }
  return [
    { type: 'TargetCompleted', data: { ...refIn(rollout, target), at: command.metadata.now.toISOString() } },
  ];
}

function skipTarget(command: SkipTarget, rollout: Rollout, target: RolloutTargetState): RolloutEvent[] {
  if (target.status === 'skipped') return [];
  if (target.status !== 'pending') {
    throw refuse({ command, rollout, target }, 'it has begun: abort or roll back the rollout instead');
  }
  const { actor, now } = command.metadata;
  return [
    {
      type: 'TargetSkipped',
      data: { ...refIn(rollout, target), why: command.data.why, by: actor, at: now.toISOString() },
    },
  ];
}

function recordCleanedUp(
  command: RecordTargetCleanedUp,
  rollout: Rollout,
  target: RolloutTargetState,
): RolloutEvent[] {
  if (target.status !== 'failed')
    throw refuse({ command, rollout, target }, 'only a failed target is cleaned up');
  if (!target.cleanupPending) return [];
  return [
    { type: 'TargetCleanedUp', data: { ...refIn(rollout, target), at: command.metadata.now.toISOString() } },
  ];
}

function requireRollingBack(step: Step): void {
  if (step.target.status !== 'rolling_back') throw refuse(step, 'it is not rolling back');
  if (step.target.launch?.status === 'requested') throw refuse(step, 'its start is not answered yet');
}

function recordRolledBack(
  command: RecordTargetRolledBack,
  rollout: Rollout,
  target: RolloutTargetState,
): RolloutEvent[] {
  if (target.status === 'rolled_back') return [];
  requireRollingBack({ command, rollout, target });
  return [
    {
      type: 'TargetRolledBack',
      data: {
        ...refIn(rollout, target),
        runnerIds: [...command.data.runnerIds],
        at: command.metadata.now.toISOString(),
      },
    },
  ];
}

function recordRollbackFailed(
  command: RecordTargetRollbackFailed,
  rollout: Rollout,
  target: RolloutTargetState,
): RolloutEvent[] {
  if (
    target.status === 'rolled_back' ||
    (target.status === 'failed' && target.failure?.during === 'rollback')
  ) {
    return [];
  }
  requireRollingBack({ command, rollout, target });
  const { errorClass, message } = command.data;
  return [
    {
      type: 'TargetRollbackFailed',
      data: {
        ...refIn(rollout, target),
        error: { class: errorClass, message },
        at: command.metadata.now.toISOString(),
      },
    },
  ];
}
