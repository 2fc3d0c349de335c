import type {
  IsoTimestamp,
  LauncherStartRequest,
  RolloutOutcome,
  RunnerId,
  TargetConfig,
  TargetId,
  Version,
} from '@rollcall/contracts';
import { targetsToBegin } from './pacing';
import { isFinished, isStopping, type Rollout, type RolloutState, targetsIn } from './state';
import type { RolloutTargetState } from './target';

/**
 * How to put a target back as it was: stop the new runners, undrain the old ones this rollout drained
 * (those not yet stopping), and, when none of the old runners is live any more, start the previous version
 * with the previous config again. Never half-done: the target ends on its old version, or is reported.
 */
export type RestorePlan = Readonly<{
  /** New-version runners the rollout started for the target. */
  stopRunnerIds: readonly RunnerId[];
  /** Old runners whose drain the rollout recorded (empty when it never drained them). */
  undrainRunnerIds: readonly RunnerId[];
  /** The old runners all stopped (the target was done): the previous version must be started again. */
  restartPrevious: boolean;
  /** The backup: exactly what the target returns to. */
  previous: Readonly<{ version: Version; config: TargetConfig }>;
}>;

/**
 * What the upgrader (the process manager) should do next for a rollout, one action per target that can
 * move, then rollout-level waits. Each action names the command(s) that record its result; until one is
 * decided the same action comes back, so a restarted upgrader picks up where the log says it was.
 */
export type RolloutAction =
  /** The strategy lets the target begin: read its runners in the pool -> `RecordTargetBackedUp`. */
  | Readonly<{
      kind: 'back-up';
      targetId: TargetId;
      expected: Readonly<{ version: Version; config: TargetConfig }>;
    }>
  /** Backed up, not yet asked to start -> `RequestTargetStart {forceRefresh: false}`. */
  | Readonly<{ kind: 'request-start'; targetId: TargetId; forceRefresh: boolean }>
  /**
   * Send `request` to the target's launcher(s) -> `RecordTargetStarted {attempt, runnerIds}` or
   * `RecordTargetStartFailed {attempt, errorClass, message, runnerIds?}`. Comes back until answered: after
   * a restart, ask the launchers' `status` before starting `attempt` twice.
   */
  | Readonly<{ kind: 'launch'; targetId: TargetId; attempt: number; request: LauncherStartRequest }>
  /**
   * Watch the new runners: each must connect and stay live until `healthyAt`. Once `due` and they did ->
   * `RecordTargetHealthy`; as soon as one is lost, stops, or is missing when due -> `RecordTargetUnhealthy`.
   */
  | Readonly<{
      kind: 'watch-health';
      targetId: TargetId;
      runnerIds: readonly RunnerId[];
      healthyAt: IsoTimestamp;
      due: boolean;
    }>
  /** Record the drain of the old runners on the pool (reason `rollout`) -> `RecordOldDrained`. */
  | Readonly<{ kind: 'drain-old'; targetId: TargetId; runnerIds: readonly RunnerId[]; supersededBy: Version }>
  /** Once every old runner stopped (or was lost) -> `CompleteTarget`. */
  | Readonly<{ kind: 'await-old-stopped'; targetId: TargetId; runnerIds: readonly RunnerId[] }>
  /**
   * The target is being undone while its start is unanswered: learn how the launch ended (its reply, or
   * the launchers' `status`) -> `RecordTargetStarted` / `RecordTargetStartFailed`; the roll-back follows.
   */
  | Readonly<{ kind: 'settle-launch'; targetId: TargetId; attempt: number; request: LauncherStartRequest }>
  /** A failed target: carry out `plan` -> `RecordTargetCleanedUp`. */
  | Readonly<{ kind: 'clean-up'; targetId: TargetId; plan: RestorePlan }>
  /** Undo the target: carry out `plan` -> `RecordTargetRolledBack {runnerIds}` or `RecordTargetRollbackFailed`. */
  | Readonly<{ kind: 'roll-back'; targetId: TargetId; plan: RestorePlan }>
  /** The canaries are done and the gate waits for an operator -> `ApproveGate` or `RejectGate`. */
  | Readonly<{ kind: 'await-approval'; canaryTargetIds: readonly TargetId[] }>
  /** The rollout finished: release the pool's guard -> pool `EndRollout {rolloutId, outcome}` (a repeat is a no-op). */
  | Readonly<{ kind: 'release-pool'; outcome: RolloutOutcome }>;

/**
 * The actions due in `state` at `now` (pure: `now` only decides whether a health window has passed).
 * Target actions come in rollout order; an empty list means the rollout waits for nothing the upgrader
 * can do (paused, or no rollout).
 */
export function nextActions(state: RolloutState, now: Date): RolloutAction[] {
  if (state.status === 'empty') return [];
  if (state.outcome !== null) return [{ kind: 'release-pool', outcome: state.outcome }];
  const rollout = state;
  const byTarget: [number, RolloutAction][] = [];
  const add = (
    target: RolloutTargetState | undefined,
    action: (target: RolloutTargetState) => RolloutAction | null,
  ) => {
    const due = target === undefined ? null : action(target);
    if (target !== undefined && due !== null) byTarget.push([target.index, due]);
  };
  for (const targetId of targetsToBegin(rollout)) add(rollout.targets.get(targetId), backUp);
  for (const targetId of targetsIn(rollout, 'starting')) {
    add(rollout.targets.get(targetId), (target) => startStep(rollout, target, now));
  }
  for (const targetId of targetsIn(rollout, 'healthy')) {
    add(rollout.targets.get(targetId), (target) => ({
      kind: 'drain-old',
      targetId,
      runnerIds: target.backup?.oldRunnerIds ?? [],
      supersededBy: rollout.version,
    }));
  }
  for (const targetId of targetsIn(rollout, 'draining_old')) {
    add(rollout.targets.get(targetId), (target) => ({
      kind: 'await-old-stopped',
      targetId,
      runnerIds: target.backup?.oldRunnerIds ?? [],
    }));
  }
  for (const targetId of targetsIn(rollout, 'rolling_back')) {
    add(rollout.targets.get(targetId), (target) =>
      target.launch?.status === 'requested'
        ? {
            kind: 'settle-launch',
            targetId,
            attempt: target.launch.attempt,
            request: launchRequest(rollout, target),
          }
        : { kind: 'roll-back', targetId, plan: restorePlan(target) },
    );
  }
  for (const targetId of targetsIn(rollout, 'failed')) {
    add(rollout.targets.get(targetId), (target) =>
      target.cleanupPending ? { kind: 'clean-up', targetId, plan: restorePlan(target) } : null,
    );
  }
  const actions = byTarget.sort(([a], [b]) => a - b).map(([, action]) => action);
  if (rollout.gate?.status === 'waiting' && !isStopping(rollout) && !isFinished(rollout)) {
    actions.push({ kind: 'await-approval', canaryTargetIds: rollout.canaryTargetIds });
  }
  return actions;
}

function backUp(target: RolloutTargetState): RolloutAction {
  const { previousVersion, previousConfig } = target.spec;
  return {
    kind: 'back-up',
    targetId: target.targetId,
    expected: { version: previousVersion, config: previousConfig },
  };
}

function startStep(rollout: Rollout, target: RolloutTargetState, now: Date): RolloutAction | null {
  const { targetId, launch } = target;
  if (launch === null) return { kind: 'request-start', targetId, forceRefresh: false };
  switch (launch.status) {
    case 'requested':
      return { kind: 'launch', targetId, attempt: launch.attempt, request: launchRequest(rollout, target) };
    case 'started': {
      const healthyAt = Date.parse(launch.at) + rollout.healthyWindowSeconds * 1000;
      return {
        kind: 'watch-health',
        targetId,
        runnerIds: target.newRunnerIds,
        healthyAt: new Date(healthyAt).toISOString(),
        due: now.getTime() >= healthyAt,
      };
    }
    case 'failed':
      // A failed start is followed by a retry or the target's failure in the same decision.
      return null;
  }
}

/** The new version with the target's own settings kept: its backed-up config, then its `extraConfig`. */
function launchRequest(rollout: Rollout, target: RolloutTargetState): LauncherStartRequest {
  const { pool, version, artifact, digest } = rollout;
  return {
    pool,
    version,
    artifact,
    ...(digest === undefined ? {} : { digest }),
    forceRefresh: target.launch?.forceRefresh ?? false,
    config: { ...(target.backup?.previousConfig ?? target.spec.previousConfig), ...target.spec.extraConfig },
  };
}

function restorePlan(target: RolloutTargetState): RestorePlan {
  const backup = target.backup;
  return {
    stopRunnerIds: target.newRunnerIds,
    undrainRunnerIds: target.oldDrainRequested ? (backup?.oldRunnerIds ?? []) : [],
    restartPrevious: target.oldStopped,
    previous: {
      version: backup?.previousVersion ?? target.spec.previousVersion,
      config: backup?.previousConfig ?? target.spec.previousConfig,
    },
  };
}
