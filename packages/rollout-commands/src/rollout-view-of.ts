import type { RolloutTargetView, RolloutView } from '@rollcall/contracts';
import type { Rollout, RolloutTargetState } from '@rollcall/domain';

/** A rollout as the API and the CLI show it: its settings, where it is, and every target with its result. */
export function rolloutViewOf(rollout: Rollout): RolloutView {
  return {
    rolloutId: rollout.rolloutId,
    namespace: rollout.namespace,
    pool: rollout.pool,
    version: rollout.version,
    build: rollout.build,
    artifact: rollout.artifact,
    strategy: rollout.strategy,
    targetBy: rollout.targetBy,
    healthyWindowSeconds: rollout.healthyWindowSeconds,
    failureThreshold: rollout.failureThreshold,
    autoRollback: rollout.autoRollback,
    status: rollout.status,
    outcome: rollout.outcome,
    rollbackReason: rollout.rollbackReason,
    gate: rollout.gate,
    startedBy: rollout.startedBy,
    startedAt: rollout.startedAt,
    updatedAt: rollout.updatedAt,
    finishedAt: rollout.finishedAt,
    failedTargets: rollout.failedTargets,
    targets: [...rollout.targets.values()].map(targetViewOf),
  };
}

function targetViewOf(target: RolloutTargetState): RolloutTargetView {
  const { spec, backup, failure } = target;
  return {
    targetId: target.targetId,
    state: target.status,
    canary: target.canary,
    previousVersion: backup?.previousVersion ?? spec.previousVersion,
    previousConfig: backup?.previousConfig ?? spec.previousConfig,
    pinnedVersion: spec.pinnedVersion ?? null,
    extraConfig: spec.extraConfig ?? null,
    why: target.skipped?.why ?? null,
    error: failure?.error ?? null,
    failedDuring: failure?.during ?? null,
    newRunnerIds: [...target.newRunnerIds],
    oldRunnerIds: [...(backup?.oldRunnerIds ?? [])],
    restoredRunnerIds: [...target.restoredRunnerIds],
    updatedAt: target.updatedAt,
  };
}
