import type { RolloutEvent, RolloutOutcome } from '@rollcall/contracts';
import type { CommandMetadata } from '../pool/decide';
import { ROLLCALL_ACTOR } from '../pool/decide';
import { countIn, evolve, isFinished, isStopping, type Rollout, type RolloutState, targetsIn } from './state';
import { stopTargets } from './stop-targets';

/**
 * `events` followed by what they make due, decided in the same call so the handler appends them together:
 * a canary gate that passes, waits or fails; a failure threshold that is reached; the rollout finishing
 * once every target is at rest. Each follow-up is folded before the next is looked for, and each removes
 * its own cause, so a state folded from the log never has one due.
 */
export function withFollowUps(
  state: RolloutState,
  events: readonly RolloutEvent[],
  metadata: CommandMetadata,
): RolloutEvent[] {
  if (events.length === 0) return [];
  const decided = [...events];
  let folded = decided.reduce(evolve, state);
  for (;;) {
    if (folded.status === 'empty') return decided;
    const due = followUp(folded, metadata);
    if (due.length === 0) return decided;
    decided.push(...due);
    folded = due.reduce(evolve, folded);
  }
}

function followUp(rollout: Rollout, metadata: CommandMetadata): RolloutEvent[] {
  if (isFinished(rollout)) return [];
  const gate = gateFollowUp(rollout, metadata);
  if (gate.length > 0) return gate;
  const halt = thresholdFollowUp(rollout, metadata);
  if (halt.length > 0) return halt;
  return finishFollowUp(rollout, metadata);
}

/** A failed canary fails the gate and rolls back; canaries all at rest pass a health gate or wait. */
function gateFollowUp(rollout: Rollout, { now }: CommandMetadata): RolloutEvent[] {
  const gate = rollout.gate;
  if (
    gate === null ||
    gate.status !== 'closed' ||
    isStopping(rollout) ||
    rollout.canaryTargetIds.length === 0
  ) {
    return [];
  }
  const { namespace, pool, rolloutId } = rollout;
  const at = now.toISOString();
  const canaries = rollout.canaryTargetIds.flatMap((targetId) => rollout.targets.get(targetId) ?? []);
  const failed = canaries.find((canary) => canary.status === 'failed');
  if (failed !== undefined) {
    return [
      {
        type: 'GateFailed',
        data: {
          namespace,
          pool,
          rolloutId,
          how: 'canary_failed',
          by: ROLLCALL_ACTOR,
          targetId: failed.targetId,
          at,
        },
      },
      {
        type: 'RollbackStarted',
        data: { namespace, pool, rolloutId, reason: 'gate_failed', by: ROLLCALL_ACTOR, at },
      },
      ...stopTargets(rollout, 'rollback', { by: ROLLCALL_ACTOR, at }),
    ];
  }
  if (!canaries.every((canary) => canary.status === 'done' || canary.status === 'skipped')) return [];
  return gate.kind === 'health'
    ? [{ type: 'GatePassed', data: { namespace, pool, rolloutId, how: 'health', by: ROLLCALL_ACTOR, at } }]
    : [
        {
          type: 'GateAwaitingApproval',
          data: { namespace, pool, rolloutId, canaryTargetIds: [...rollout.canaryTargetIds], at },
        },
      ];
}

/** Failed targets reaching the threshold stop the rollout: it rolls back, or only undoes what is moving. */
function thresholdFollowUp(rollout: Rollout, { now }: CommandMetadata): RolloutEvent[] {
  if (isStopping(rollout) || !thresholdReached(rollout)) return [];
  const { namespace, pool, rolloutId, failedTargets, failureThreshold } = rollout;
  const at = now.toISOString();
  const halted: RolloutEvent = {
    type: 'RolloutHalted',
    data: { namespace, pool, rolloutId, failedTargets, threshold: failureThreshold, at },
  };
  if (!rollout.autoRollback) return [halted, ...stopTargets(rollout, 'halt', { by: ROLLCALL_ACTOR, at })];
  return [
    halted,
    {
      type: 'RollbackStarted',
      data: { namespace, pool, rolloutId, reason: 'failure_threshold', by: ROLLCALL_ACTOR, at },
    },
    ...stopTargets(rollout, 'rollback', { by: ROLLCALL_ACTOR, at }),
  ];
}

/** Count: failed targets reach it. Share: failed targets reach that share of the targets not skipped. */
export function thresholdReached(rollout: Rollout): boolean {
  const threshold = rollout.failureThreshold;
  if (rollout.failedTargets === 0) return false;
  if (threshold.kind === 'count') return rollout.failedTargets >= threshold.count;
  const moved = rollout.targets.size - countIn(rollout, 'skipped');
  return moved > 0 && rollout.failedTargets / moved >= threshold.share;
}

/** Nothing pending, moving, rolling back or left to clean up, and no gate awaiting an operator. */
function finishFollowUp(rollout: Rollout, { now }: CommandMetadata): RolloutEvent[] {
  if (countIn(rollout, 'pending', 'starting', 'healthy', 'draining_old', 'rolling_back') > 0) return [];
  if (targetsIn(rollout, 'failed').some((id) => rollout.targets.get(id)?.cleanupPending === true)) return [];
  if (rollout.gate?.status === 'waiting' && !isStopping(rollout)) return [];
  const { namespace, pool, rolloutId } = rollout;
  return [
    {
      type: 'RolloutFinished',
      data: {
        namespace,
        pool,
        rolloutId,
        outcome: outcomeOf(rollout),
        done: countIn(rollout, 'done'),
        failed: countIn(rollout, 'failed'),
        skipped: countIn(rollout, 'skipped'),
        rolledBack: countIn(rollout, 'rolled_back'),
        at: now.toISOString(),
      },
    },
  ];
}

function outcomeOf(rollout: Rollout): RolloutOutcome {
  switch (rollout.status) {
    case 'aborting':
      return 'aborted';
    case 'halting':
      return 'failed';
    case 'rolling_back':
      return 'rolled_back';
    default:
      return 'completed';
  }
}
