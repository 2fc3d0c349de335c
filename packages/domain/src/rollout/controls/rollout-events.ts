import type {
  RolloutEvent,
  RolloutOutcome,
  RolloutStartedData,
  TargetError,
  TargetRollbackRequestedData,
} from '@rollcall/contracts';
import { NAMESPACE, NOW, OPERATOR, POOL } from '../../pool/controls/pool-clock';
import { ROLLOUT_ID, THREE_SERVERS } from './rollout-commands';

// Test data builders ("controls") for rollout events, as `decide` emits them at NOW for the controls'
// rollout (see rollout-commands.ts): the expected side of every spec, and the given side.

const at = NOW.toISOString();
const ref = { namespace: NAMESPACE, pool: POOL, rolloutId: ROLLOUT_ID } as const;
const target = (targetId: string) => ({ ...ref, targetId });

export function rolloutStarted(start: Partial<RolloutStartedData> = {}): RolloutEvent {
  return {
    type: 'RolloutStarted',
    data: {
      ...ref,
      version: 2,
      build: 'build-2',
      artifact: 'registry.example/web:2',
      strategy: { kind: 'rolling', batchSize: 1, maxUnavailable: 1 },
      targetBy: { by: 'server' },
      targets: THREE_SERVERS,
      canaryTargetIds: [],
      healthyWindowSeconds: 60,
      failureThreshold: { kind: 'count', count: 2 },
      autoRollback: true,
      startedBy: OPERATOR,
      startedAt: at,
      ...start,
    },
  };
}

export function targetSkipped(targetId: string, why: string, by = 'rollcall'): RolloutEvent {
  return { type: 'TargetSkipped', data: { ...target(targetId), why, by, at } };
}

export function targetBackedUp(targetId: string): RolloutEvent {
  return {
    type: 'TargetBackedUp',
    data: {
      ...target(targetId),
      previousVersion: 1,
      previousConfig: { threads: 2 },
      oldRunnerIds: [`old-${targetId}`],
      at,
    },
  };
}

export function startRequested(targetId: string, attempt = 1, forceRefresh = false): RolloutEvent {
  return { type: 'TargetStartRequested', data: { ...target(targetId), attempt, forceRefresh, at } };
}

export function startFailed(
  targetId: string,
  failure: { attempt?: number; error?: TargetError; retrying?: boolean; runnerIds?: string[] } = {},
): RolloutEvent {
  const { attempt = 1, error = launcherError(), retrying = false, runnerIds = [] } = failure;
  return {
    type: 'TargetStartFailed',
    data: { ...target(targetId), attempt, error, runnerIds, retrying, at },
  };
}

export function launcherError(
  errorClass: TargetError['class'] = 'start_failed',
  message = 'exited with 1',
): TargetError {
  return { class: errorClass, message };
}

export function targetStarted(targetId: string, attempt = 1): RolloutEvent {
  return {
    type: 'TargetStarted',
    data: { ...target(targetId), attempt, runnerIds: [`new-${targetId}`], at },
  };
}

export function targetHealthy(targetId: string): RolloutEvent {
  return { type: 'TargetHealthy', data: { ...target(targetId), at } };
}

export function targetFailed(
  targetId: string,
  during: 'start' | 'health' = 'start',
  error: TargetError = during === 'start' ? launcherError() : { class: 'unhealthy', message: 'runner lost' },
): RolloutEvent {
  return { type: 'TargetFailed', data: { ...target(targetId), during, error, at } };
}

export function drainingOld(targetId: string): RolloutEvent {
  return { type: 'TargetDrainingOld', data: { ...target(targetId), runnerIds: [`old-${targetId}`], at } };
}

export function targetCompleted(targetId: string): RolloutEvent {
  return { type: 'TargetCompleted', data: { ...target(targetId), at } };
}

export function cleanedUp(targetId: string): RolloutEvent {
  return { type: 'TargetCleanedUp', data: { ...target(targetId), at } };
}

export function rollbackRequested(
  targetId: string,
  cause: TargetRollbackRequestedData['cause'] = 'rollback',
): RolloutEvent {
  return { type: 'TargetRollbackRequested', data: { ...target(targetId), cause, at } };
}

export function rolledBack(targetId: string): RolloutEvent {
  return { type: 'TargetRolledBack', data: { ...target(targetId), runnerIds: [`old-${targetId}`], at } };
}

export function rollbackFailed(targetId: string): RolloutEvent {
  return {
    type: 'TargetRollbackFailed',
    data: { ...target(targetId), error: { class: 'no_capacity', message: 'server full' }, at },
  };
}

/** All four steps that move server `sN` to done. */
export function movedToDone(targetId: string): RolloutEvent[] {
  return [
    targetBackedUp(targetId),
    startRequested(targetId),
    targetStarted(targetId),
    targetHealthy(targetId),
    drainingOld(targetId),
    targetCompleted(targetId),
  ];
}

export function rolloutPaused(): RolloutEvent {
  return { type: 'RolloutPaused', data: { ...ref, by: OPERATOR, at } };
}

export function rolloutResumed(): RolloutEvent {
  return { type: 'RolloutResumed', data: { ...ref, by: OPERATOR, at } };
}

export function rolloutAborted(reason?: string): RolloutEvent {
  return {
    type: 'RolloutAborted',
    data: { ...ref, by: OPERATOR, ...(reason === undefined ? {} : { reason }), at },
  };
}

export function rolloutHalted(failedTargets: number, count = 2): RolloutEvent {
  return {
    type: 'RolloutHalted',
    data: { ...ref, failedTargets, threshold: { kind: 'count', count }, at },
  };
}

export function rollbackStarted(
  reason: 'operator' | 'failure_threshold' | 'gate_failed' | 'gate_rejected',
  by = reason === 'operator' || reason === 'gate_rejected' ? OPERATOR : 'rollcall',
): RolloutEvent {
  return { type: 'RollbackStarted', data: { ...ref, reason, by, at } };
}

export function gateAwaitingApproval(canaryTargetIds: string[]): RolloutEvent {
  return { type: 'GateAwaitingApproval', data: { ...ref, canaryTargetIds, at } };
}

export function gatePassed(how: 'health' | 'approval'): RolloutEvent {
  return { type: 'GatePassed', data: { ...ref, how, by: how === 'health' ? 'rollcall' : OPERATOR, at } };
}

export function gateFailedByCanary(targetId: string): RolloutEvent {
  return { type: 'GateFailed', data: { ...ref, how: 'canary_failed', by: 'rollcall', targetId, at } };
}

export function gateRejected(reason?: string): RolloutEvent {
  return {
    type: 'GateFailed',
    data: { ...ref, how: 'rejected', by: OPERATOR, ...(reason === undefined ? {} : { reason }), at },
  };
}

export function rolloutFinished(
  outcome: RolloutOutcome,
  counts: Partial<{ done: number; failed: number; skipped: number; rolledBack: number }> = {},
): RolloutEvent {
  return {
    type: 'RolloutFinished',
    data: { ...ref, outcome, done: 0, failed: 0, skipped: 0, rolledBack: 0, ...counts, at },
  };
}
