import type {
  IsoTimestamp,
  RollbackStartedData,
  RolloutEvent,
  RolloutOutcome,
  RolloutStartedData,
  TargetId,
} from '@rollcall/contracts';
import { Map as ImmutableMap, OrderedMap, OrderedSet } from 'immutable';
import type { RolloutTargetState, TargetStatus } from './target';

/**
 * `running` and `paused` move targets; `aborting`, `halting` (failure threshold) and `rolling_back` undo
 * the moving ones and begin no more; the outcomes are final, once every target is at rest.
 */
export type RolloutStatus = 'running' | 'paused' | 'aborting' | 'halting' | 'rolling_back' | RolloutOutcome;

/** The canary gate: `closed` while canaries move, `waiting` for an operator, then `passed` or `failed`. */
export type RolloutGate = Readonly<{
  kind: 'health' | 'approval';
  status: 'closed' | 'waiting' | 'passed' | 'failed';
}>;

export type EmptyRollout = Readonly<{ status: 'empty' }>;

/*
 * Targets live in immutable.js persistent maps, as the pool's runners do: an org-wide rollout may move
 * thousands of targets, each through several events, and a copied native Map per event would make folding
 * it quadratic. `byStatus` indexes them so pacing and `nextActions` never scan the whole rollout.
 */
export type Rollout = Readonly<
  Omit<RolloutStartedData, 'targets' | 'canaryTargetIds'> & {
    status: RolloutStatus;
    targets: OrderedMap<TargetId, RolloutTargetState>;
    /** Target ids by status, each set in the order its targets entered it. Kept in step by `putTarget`. */
    byStatus: ImmutableMap<TargetStatus, OrderedSet<TargetId>>;
    canaryTargetIds: readonly TargetId[];
    gate: RolloutGate | null;
    /** Targets that failed to move (start or health): what the failure threshold counts. */
    failedTargets: number;
    rollbackReason: RollbackStartedData['reason'] | null;
    /** Set once every target is at rest (`RolloutFinished`); `status` is then the same outcome. */
    outcome: RolloutOutcome | null;
    finishedAt: IsoTimestamp | null;
    updatedAt: IsoTimestamp;
  }
>;

export type RolloutState = EmptyRollout | Rollout;

export function initialState(): RolloutState {
  return { status: 'empty' };
}

/** Folds one event. Never throws: an event before `RolloutStarted` or about an unknown target is ignored. */
export function evolve(state: RolloutState, event: RolloutEvent): RolloutState {
  if (event.type === 'RolloutStarted') return state.status === 'empty' ? started(event.data) : state;
  if (state.status === 'empty') return state;
  const rollout = state;
  switch (event.type) {
    case 'TargetSkipped': {
      const { why, by, at } = event.data;
      return updateTarget(rollout, event.data.targetId, at, () => ({
        status: 'skipped',
        skipped: { why, by },
      }));
    }
    case 'TargetBackedUp': {
      const { previousVersion, previousConfig, oldRunnerIds, at } = event.data;
      return updateTarget(rollout, event.data.targetId, at, () => ({
        status: 'starting',
        backup: { previousVersion, previousConfig, oldRunnerIds, at },
      }));
    }
    case 'TargetStartRequested': {
      const { attempt, forceRefresh, at } = event.data;
      return updateTarget(rollout, event.data.targetId, at, () => ({
        launch: { attempt, forceRefresh, status: 'requested', at },
      }));
    }
    case 'TargetStartFailed': {
      const { runnerIds, at } = event.data;
      return updateTarget(rollout, event.data.targetId, at, (target) => ({
        launch: target.launch === null ? null : { ...target.launch, status: 'failed', at },
        newRunnerIds: [...target.newRunnerIds, ...runnerIds],
      }));
    }
    case 'TargetStarted': {
      const { runnerIds, at } = event.data;
      return updateTarget(rollout, event.data.targetId, at, (target) => ({
        launch: target.launch === null ? null : { ...target.launch, status: 'started', at },
        newRunnerIds: [...target.newRunnerIds, ...runnerIds],
      }));
    }
    case 'TargetHealthy':
      return updateTarget(rollout, event.data.targetId, event.data.at, () => ({ status: 'healthy' }));
    case 'TargetFailed': {
      const { during, error, at } = event.data;
      const failed = updateTarget(rollout, event.data.targetId, at, (target) => ({
        status: 'failed',
        failure: { during, error, at },
        cleanupPending: target.newRunnerIds.length > 0 || target.oldDrainRequested,
      }));
      return failed === rollout ? rollout : { ...failed, failedTargets: failed.failedTargets + 1 };
    }
    case 'TargetDrainingOld':
      return updateTarget(rollout, event.data.targetId, event.data.at, () => ({
        status: 'draining_old',
        oldDrainRequested: true,
      }));
    case 'TargetCompleted':
      return updateTarget(rollout, event.data.targetId, event.data.at, () => ({
        status: 'done',
        oldStopped: true,
      }));
    case 'TargetCleanedUp':
      return updateTarget(rollout, event.data.targetId, event.data.at, () => ({ cleanupPending: false }));
    case 'TargetRollbackRequested':
      return updateTarget(rollout, event.data.targetId, event.data.at, () => ({
        status: 'rolling_back',
        rollbackCause: event.data.cause,
      }));
    case 'TargetRolledBack':
      return updateTarget(rollout, event.data.targetId, event.data.at, () => ({
        status: 'rolled_back',
        restoredRunnerIds: event.data.runnerIds,
      }));
    case 'TargetRollbackFailed': {
      const { error, at } = event.data;
      return updateTarget(rollout, event.data.targetId, at, () => ({
        status: 'failed',
        failure: { during: 'rollback', error, at },
        cleanupPending: false,
      }));
    }
    case 'RolloutPaused':
      return { ...rollout, status: 'paused', updatedAt: event.data.at };
    case 'RolloutResumed':
      return { ...rollout, status: 'running', updatedAt: event.data.at };
    case 'RolloutAborted':
      return { ...rollout, status: 'aborting', updatedAt: event.data.at };
    case 'RolloutHalted':
      return { ...rollout, status: 'halting', updatedAt: event.data.at };
    case 'RollbackStarted':
      return {
        ...rollout,
        status: 'rolling_back',
        rollbackReason: event.data.reason,
        updatedAt: event.data.at,
      };
    case 'GateAwaitingApproval':
      return withGate(rollout, 'waiting', event.data.at);
    case 'GatePassed':
      return withGate(rollout, 'passed', event.data.at);
    case 'GateFailed':
      return withGate(rollout, 'failed', event.data.at);
    case 'RolloutFinished':
      return {
        ...rollout,
        status: event.data.outcome,
        outcome: event.data.outcome,
        finishedAt: event.data.at,
        updatedAt: event.data.at,
      };
    default:
      return ignoreUnknownEvent(state, event);
  }
}

// An event type from a newer writer is not ours to interpret; the `never` keeps this switch complete.
function ignoreUnknownEvent(state: RolloutState, _event: never): RolloutState {
  return state;
}

function started(data: RolloutStartedData): Rollout {
  const { targets: specs, canaryTargetIds, ...rest } = data;
  const canaries = new Set(canaryTargetIds);
  const targets = OrderedMap<TargetId, RolloutTargetState>(
    specs.map((spec, index): [TargetId, RolloutTargetState] => [
      spec.targetId,
      {
        targetId: spec.targetId,
        index,
        spec,
        canary: canaries.has(spec.targetId),
        status: 'pending',
        backup: null,
        launch: null,
        newRunnerIds: [],
        oldDrainRequested: false,
        oldStopped: false,
        failure: null,
        cleanupPending: false,
        skipped: null,
        rollbackCause: null,
        restoredRunnerIds: [],
        updatedAt: data.startedAt,
      },
    ]),
  );
  return {
    ...rest,
    status: 'running',
    targets,
    byStatus: ImmutableMap<TargetStatus, OrderedSet<TargetId>>().set(
      'pending',
      targets.keySeq().toOrderedSet(),
    ),
    canaryTargetIds,
    gate: data.strategy.kind === 'canary' ? { kind: data.strategy.gate, status: 'closed' } : null,
    failedTargets: 0,
    rollbackReason: null,
    outcome: null,
    finishedAt: null,
    updatedAt: data.startedAt,
  };
}

function withGate(rollout: Rollout, status: RolloutGate['status'], at: IsoTimestamp): Rollout {
  return rollout.gate === null ? rollout : { ...rollout, gate: { ...rollout.gate, status }, updatedAt: at };
}

function updateTarget(
  rollout: Rollout,
  targetId: TargetId,
  at: IsoTimestamp,
  change: (target: RolloutTargetState) => Partial<RolloutTargetState>,
): Rollout {
  const before = rollout.targets.get(targetId);
  if (before === undefined) return rollout;
  const after: RolloutTargetState = { ...before, ...change(before), updatedAt: at };
  return { ...putTarget(rollout, before, after), updatedAt: at };
}

function putTarget(rollout: Rollout, before: RolloutTargetState, after: RolloutTargetState): Rollout {
  let byStatus = rollout.byStatus;
  if (before.status !== after.status) {
    byStatus = byStatus
      .update(before.status, OrderedSet<TargetId>(), (ids) => ids.delete(before.targetId))
      .update(after.status, OrderedSet<TargetId>(), (ids) => ids.add(after.targetId));
  }
  return { ...rollout, targets: rollout.targets.set(after.targetId, after), byStatus };
}

/** Targets in a status, in the order they entered it. */
export function targetsIn(rollout: Rollout, status: TargetStatus): OrderedSet<TargetId> {
  return rollout.byStatus.get(status) ?? OrderedSet<TargetId>();
}

export function countIn(rollout: Rollout, ...statuses: readonly TargetStatus[]): number {
  return statuses.reduce((count, status) => count + targetsIn(rollout, status).size, 0);
}

export function isFinished(rollout: Rollout): boolean {
  return rollout.outcome !== null;
}

/** Aborting, halting or rolling back: no target begins any more, the moving ones are undone. */
export function isStopping(rollout: Rollout): boolean {
  return rollout.status === 'aborting' || rollout.status === 'halting' || rollout.status === 'rolling_back';
}
