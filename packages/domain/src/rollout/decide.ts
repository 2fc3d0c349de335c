import {
  type RolloutEvent,
  type RolloutRef,
  RolloutStartedData,
  type RolloutTarget,
} from '@rollcall/contracts';
import { ROLLCALL_ACTOR } from '../pool/decide';
import type {
  AbortRollout,
  ApproveGate,
  PauseRollout,
  RejectGate,
  ResumeRollout,
  RollbackRollout,
  RolloutCommand,
  RolloutCommandRef,
  StartRollout,
  SteeringCommand,
} from './commands';
import {
  InvalidRolloutSpecError,
  InvalidRolloutTransitionError,
  RolloutExistsError,
  RolloutMismatchError,
  RolloutNotFoundError,
} from './errors';
import { withFollowUps } from './follow-ups';
import { chooseCanaries } from './pacing';
import { isFinished, isStopping, type Rollout, type RolloutState } from './state';
import { stopTargets } from './stop-targets';
import { decideTargetStep } from './target-steps';

/**
 * Returns the events to append for `command` on a rollout in `state` (none: a repeat, nothing to do), or
 * throws a `RolloutCommandError` when the command is refused. The events end with what they make due (a
 * gate passing or failing, the failure threshold stopping the rollout, the rollout finishing), so the
 * handler appends one decision with the expected version it read.
 */
export function decide(command: RolloutCommand, state: RolloutState): RolloutEvent[] {
  if (command.type === 'StartRollout') {
    return withFollowUps(state, startRollout(command, state), command.metadata);
  }
  const rollout = existingRollout(command.data, state);
  return withFollowUps(rollout, decideOn(command, rollout), command.metadata);
}

function decideOn(command: Exclude<RolloutCommand, StartRollout>, rollout: Rollout): RolloutEvent[] {
  switch (command.type) {
    case 'PauseRollout':
      return pause(command, rollout);
    case 'ResumeRollout':
      return resume(command, rollout);
    case 'AbortRollout':
      return abort(command, rollout);
    case 'ApproveGate':
      return approveGate(command, rollout);
    case 'RejectGate':
      return rejectGate(command, rollout);
    case 'RollbackRollout':
      return rollback(command, rollout);
    default:
      return decideTargetStep(command, rollout);
  }
}

function existingRollout(ref: RolloutCommandRef, state: RolloutState): Rollout {
  if (state.status === 'empty') throw new RolloutNotFoundError(ref);
  if (state.namespace !== ref.namespace || state.rolloutId !== ref.rolloutId) {
    throw new RolloutMismatchError(
      { namespace: state.namespace, rolloutId: state.rolloutId },
      { namespace: ref.namespace, rolloutId: ref.rolloutId },
    );
  }
  return state;
}

/** A retried start (same id, pool and version) is a repeat; the id taken by another rollout, a refusal. */
function startRollout({ data, metadata }: StartRollout, state: RolloutState): RolloutEvent[] {
  if (state.status !== 'empty') {
    if (state.namespace !== data.namespace || state.rolloutId !== data.rolloutId) {
      throw new RolloutMismatchError(
        { namespace: state.namespace, rolloutId: state.rolloutId },
        { namespace: data.namespace, rolloutId: data.rolloutId },
      );
    }
    if (state.pool === data.pool && state.version === data.version) return [];
    throw new RolloutExistsError(data.rolloutId, { pool: state.pool, version: state.version });
  }
  const at = metadata.now.toISOString();
  const skips = data.targets.flatMap((target) => {
    const why = whySkipped(target, data.version);
    return why === null ? [] : [{ targetId: target.targetId, why }];
  });
  const skipped = new Set(skips.map(({ targetId }) => targetId));
  const started = parseStart({
    ...data,
    canaryTargetIds: chooseCanaries(
      data.strategy,
      data.targets.filter((target) => !skipped.has(target.targetId)),
    ),
    startedBy: metadata.actor,
    startedAt: at,
  });
  const ref: RolloutRef = { namespace: data.namespace, pool: data.pool, rolloutId: data.rolloutId };
  return [
    { type: 'RolloutStarted', data: started },
    ...skips.map(
      ({ targetId, why }): RolloutEvent => ({
        type: 'TargetSkipped',
        data: { ...ref, targetId, why, by: ROLLCALL_ACTOR, at },
      }),
    ),
  ];
}

/** Target-level settings win over the rollout: a target pinned elsewhere stays where it is. */
function whySkipped(target: RolloutTarget, version: number): string | null {
  if (target.pinnedVersion !== undefined && target.pinnedVersion !== version) {
    return `pinned to version ${target.pinnedVersion}`;
  }
  if (target.previousVersion === version) return `already runs version ${version}`;
  return null;
}

// The contract's schema is the one statement of what a rollout may hold (ranges, identifiers, exactly one
// canary size); checking the start against it keeps a bad command from ever reaching the log.
function parseStart(candidate: RolloutStartedData): RolloutStartedData {
  const parsed = RolloutStartedData.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidRolloutSpecError(issue?.path.join('.') ?? '', issue?.message ?? 'invalid', {
      cause: parsed.error,
    });
  }
  const seen = new Set<string>();
  parsed.data.targets.forEach(({ targetId }, index) => {
    if (seen.has(targetId)) {
      throw new InvalidRolloutSpecError(`targets.${index}.targetId`, `target ${targetId} is listed twice`);
    }
    seen.add(targetId);
  });
  return parsed.data;
}

function refuse(command: SteeringCommand, rollout: Rollout, why?: string): InvalidRolloutTransitionError {
  return new InvalidRolloutTransitionError({
    rolloutId: rollout.rolloutId,
    command: command.type,
    status: rollout.status,
    why,
  });
}

function ref(rollout: Rollout): RolloutRef {
  return { namespace: rollout.namespace, pool: rollout.pool, rolloutId: rollout.rolloutId };
}

function pause(command: PauseRollout, rollout: Rollout): RolloutEvent[] {
  if (rollout.status === 'paused') return [];
  if (rollout.status !== 'running') throw refuse(command, rollout);
  const { actor, now } = command.metadata;
  return [{ type: 'RolloutPaused', data: { ...ref(rollout), by: actor, at: now.toISOString() } }];
}

function resume(command: ResumeRollout, rollout: Rollout): RolloutEvent[] {
  if (rollout.status === 'running') return [];
  if (rollout.status !== 'paused') throw refuse(command, rollout);
  const { actor, now } = command.metadata;
  return [{ type: 'RolloutResumed', data: { ...ref(rollout), by: actor, at: now.toISOString() } }];
}

/** Targets not begun are skipped and moving ones undone; done ones stay done (a rollback undoes them). */
function abort(command: AbortRollout, rollout: Rollout): RolloutEvent[] {
  if (rollout.status === 'aborting' || rollout.status === 'aborted') return [];
  if (rollout.status !== 'running' && rollout.status !== 'paused') throw refuse(command, rollout);
  const { actor, now } = command.metadata;
  const at = now.toISOString();
  const { reason } = command.data;
  return [
    {
      type: 'RolloutAborted',
      data: { ...ref(rollout), by: actor, ...(reason === undefined ? {} : { reason }), at },
    },
    ...stopTargets(rollout, 'abort', { by: actor, at }),
  ];
}

/**
 * Possible until the rollout finished, also while it aborts or halts (then the done targets are undone
 * too). A finished rollout is history: moving its targets back is a new rollout to the previous version.
 */
function rollback(command: RollbackRollout, rollout: Rollout): RolloutEvent[] {
  if (rollout.status === 'rolling_back' || rollout.status === 'rolled_back') return [];
  if (isFinished(rollout)) throw refuse(command, rollout, 'start a rollout to the previous version instead');
  const { actor, now } = command.metadata;
  const at = now.toISOString();
  return [
    { type: 'RollbackStarted', data: { ...ref(rollout), reason: 'operator', by: actor, at } },
    ...stopTargets(rollout, 'rollback', { by: actor, at }),
  ];
}

function approveGate(command: ApproveGate, rollout: Rollout): RolloutEvent[] {
  const gate = rollout.gate;
  if (gate === null) throw refuse(command, rollout, 'it has no canary gate');
  if (gate.status === 'passed') return [];
  if (isStopping(rollout) || isFinished(rollout)) throw refuse(command, rollout);
  if (gate.status !== 'waiting') throw refuse(command, rollout, `its gate is ${gate.status}`);
  const { actor, now } = command.metadata;
  return [
    { type: 'GatePassed', data: { ...ref(rollout), how: 'approval', by: actor, at: now.toISOString() } },
  ];
}

/** Rejecting the gate (while the canaries move, or once they wait for approval) rolls the rollout back. */
function rejectGate(command: RejectGate, rollout: Rollout): RolloutEvent[] {
  const gate = rollout.gate;
  if (gate === null) throw refuse(command, rollout, 'it has no canary gate');
  if (gate.status === 'failed') return [];
  if (isStopping(rollout) || isFinished(rollout)) throw refuse(command, rollout);
  if (gate.status === 'passed') throw refuse(command, rollout, 'its gate already passed: roll back instead');
  const { actor, now } = command.metadata;
  const at = now.toISOString();
  const { reason } = command.data;
  return [
    {
      type: 'GateFailed',
      data: { ...ref(rollout), how: 'rejected', by: actor, ...(reason === undefined ? {} : { reason }), at },
    },
    { type: 'RollbackStarted', data: { ...ref(rollout), reason: 'gate_rejected', by: actor, at } },
    ...stopTargets(rollout, 'rollback', { by: actor, at }),
  ];
}
