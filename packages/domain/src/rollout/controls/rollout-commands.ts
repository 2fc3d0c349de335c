import { NAMESPACE, NOW, OPERATOR, POOL } from '../../pool/controls/pool-clock';
import type { CommandMetadata } from '../../pool/decide';
import type {
  AbortRollout,
  ApproveGate,
  CompleteTarget,
  PauseRollout,
  RecordOldDrained,
  RecordTargetBackedUp,
  RecordTargetCleanedUp,
  RecordTargetHealthy,
  RecordTargetRollbackFailed,
  RecordTargetRolledBack,
  RecordTargetStarted,
  RecordTargetStartFailed,
  RecordTargetUnhealthy,
  RejectGate,
  RequestTargetStart,
  ResumeRollout,
  RollbackRollout,
  SkipTarget,
  StartRollout,
} from '../commands';

// Test data builders ("controls") for rollout commands: rollout `roll-1` of pool acme/web to version 2 over
// servers s1, s2 and s3 (each on version 1 with `{threads: 2}`), decided at NOW.

export const ROLLOUT_ID = 'roll-1';
export const UPGRADER = 'upgrader';

const ref = { namespace: NAMESPACE, rolloutId: ROLLOUT_ID } as const;

export const operator: CommandMetadata = { now: NOW, actor: OPERATOR };
const upgrader: CommandMetadata = { now: NOW, actor: UPGRADER };

export const THREE_SERVERS: StartRollout['data']['targets'] = [
  { targetId: 's1', previousVersion: 1, previousConfig: { threads: 2 } },
  { targetId: 's2', previousVersion: 1, previousConfig: { threads: 2 } },
  { targetId: 's3', previousVersion: 1, previousConfig: { threads: 2 } },
];

export function startRollout(start: Partial<StartRollout['data']> = {}): StartRollout {
  return {
    type: 'StartRollout',
    data: {
      ...ref,
      pool: POOL,
      version: 2,
      build: 'build-2',
      artifact: 'registry.example/web:2',
      strategy: { kind: 'rolling', batchSize: 1, maxUnavailable: 1 },
      targetBy: { by: 'server' },
      targets: THREE_SERVERS,
      healthyWindowSeconds: 60,
      failureThreshold: { kind: 'count', count: 2 },
      autoRollback: true,
      ...start,
    },
    metadata: operator,
  };
}

/** The runners serving server `sN` before the rollout are `old-sN`. */
export function recordBackedUp(
  targetId: string,
  backup: Partial<RecordTargetBackedUp['data']> = {},
): RecordTargetBackedUp {
  return {
    type: 'RecordTargetBackedUp',
    data: {
      ...ref,
      targetId,
      previousVersion: 1,
      previousConfig: { threads: 2 },
      oldRunnerIds: [`old-${targetId}`],
      ...backup,
    },
    metadata: upgrader,
  };
}

export function requestStart(targetId: string, forceRefresh = false): RequestTargetStart {
  return { type: 'RequestTargetStart', data: { ...ref, targetId, forceRefresh }, metadata: upgrader };
}

export function recordStartFailed(
  targetId: string,
  failure: Partial<RecordTargetStartFailed['data']> = {},
): RecordTargetStartFailed {
  return {
    type: 'RecordTargetStartFailed',
    data: { ...ref, targetId, attempt: 1, errorClass: 'start_failed', message: 'exited with 1', ...failure },
    metadata: upgrader,
  };
}

/** The new runner of server `sN` is `new-sN`. */
export function recordStarted(targetId: string, attempt = 1): RecordTargetStarted {
  return {
    type: 'RecordTargetStarted',
    data: { ...ref, targetId, attempt, runnerIds: [`new-${targetId}`] },
    metadata: upgrader,
  };
}

export function recordHealthy(targetId: string): RecordTargetHealthy {
  return { type: 'RecordTargetHealthy', data: { ...ref, targetId }, metadata: upgrader };
}

export function recordUnhealthy(targetId: string, why = 'runner lost'): RecordTargetUnhealthy {
  return { type: 'RecordTargetUnhealthy', data: { ...ref, targetId, why }, metadata: upgrader };
}

export function recordOldDrained(targetId: string): RecordOldDrained {
  return { type: 'RecordOldDrained', data: { ...ref, targetId }, metadata: upgrader };
}

export function completeTarget(targetId: string): CompleteTarget {
  return { type: 'CompleteTarget', data: { ...ref, targetId }, metadata: upgrader };
}

export function skipTarget(targetId: string, why = 'maintenance window'): SkipTarget {
  return { type: 'SkipTarget', data: { ...ref, targetId, why }, metadata: operator };
}

export function recordCleanedUp(targetId: string): RecordTargetCleanedUp {
  return { type: 'RecordTargetCleanedUp', data: { ...ref, targetId }, metadata: upgrader };
}

export function recordRolledBack(targetId: string): RecordTargetRolledBack {
  return {
    type: 'RecordTargetRolledBack',
    data: { ...ref, targetId, runnerIds: [`old-${targetId}`] },
    metadata: upgrader,
  };
}

export function recordRollbackFailed(targetId: string): RecordTargetRollbackFailed {
  return {
    type: 'RecordTargetRollbackFailed',
    data: { ...ref, targetId, errorClass: 'no_capacity', message: 'server full' },
    metadata: upgrader,
  };
}

export function pauseRollout(): PauseRollout {
  return { type: 'PauseRollout', data: ref, metadata: operator };
}

export function resumeRollout(): ResumeRollout {
  return { type: 'ResumeRollout', data: ref, metadata: operator };
}

export function abortRollout(reason?: string): AbortRollout {
  return { type: 'AbortRollout', data: { ...ref, reason }, metadata: operator };
}

export function approveGate(): ApproveGate {
  return { type: 'ApproveGate', data: ref, metadata: operator };
}

export function rejectGate(reason?: string): RejectGate {
  return { type: 'RejectGate', data: { ...ref, reason }, metadata: operator };
}

export function rollbackRollout(): RollbackRollout {
  return { type: 'RollbackRollout', data: ref, metadata: operator };
}
