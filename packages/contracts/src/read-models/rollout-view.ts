import { z } from 'zod';
import { Actor } from '../actor';
import { Artifact } from '../artifact';
import { FailureThreshold } from '../events/rollout/failure-threshold';
import { RollbackStartedData } from '../events/rollout/rollback-started';
import { RolloutId } from '../events/rollout/rollout-id';
import { RolloutOutcome } from '../events/rollout/rollout-outcome';
import { RolloutStrategy } from '../events/rollout/rollout-strategy';
import { TargetBy } from '../events/rollout/target-by';
import { TargetConfig } from '../events/rollout/target-config';
import { TargetError } from '../events/rollout/target-error';
import { TargetId } from '../events/rollout/target-id';
import { Namespace, PoolName, RunnerId } from '../identifiers';
import { IsoTimestamp } from '../timestamp';
import { Build, Version } from '../version';

/**
 * Where one target is: `pending` -> `starting` (backed up, new version starting and watched) -> `healthy` ->
 * `draining_old` -> `done`; or `failed` (its new runners stopped, its old ones kept), `skipped` (with why),
 * `rolling_back` -> `rolled_back`.
 */
export const RolloutTargetState = z.enum([
  'pending',
  'starting',
  'healthy',
  'draining_old',
  'done',
  'failed',
  'skipped',
  'rolling_back',
  'rolled_back',
]);
export type RolloutTargetState = z.infer<typeof RolloutTargetState>;

/**
 * `running` and `paused` move targets; `aborting`, `halting` (failure threshold crossed) and `rolling_back`
 * undo the moving ones; the rest are outcomes, reached once every target is at rest.
 */
export const RolloutViewStatus = z.enum([
  'running',
  'paused',
  'aborting',
  'halting',
  'rolling_back',
  ...RolloutOutcome.options,
]);
export type RolloutViewStatus = z.infer<typeof RolloutViewStatus>;

/** One target of a rollout and its result. */
export const RolloutTargetView = z.object({
  targetId: TargetId,
  state: RolloutTargetState,
  /** Moved before the canary gate. */
  canary: z.boolean(),
  /** The version it ran before the rollout: the backup once recorded, else what the rollout started with. */
  previousVersion: Version,
  /** The config it ran with before the rollout (recorded by the back-up step; `{}` until then). */
  previousConfig: TargetConfig,
  pinnedVersion: Version.nullable(),
  extraConfig: TargetConfig.nullable(),
  /** Why it was skipped; null unless `skipped`. */
  why: z.string().nullable(),
  /** The launcher's (or the health check's) error when it failed; null otherwise. */
  error: TargetError.nullable(),
  /** What failed: its start, its health window, or its rollback; null unless it failed. */
  failedDuring: z.enum(['start', 'health', 'rollback']).nullable(),
  /** Runners started with the new version. */
  newRunnerIds: z.array(RunnerId),
  /** Runners that served it before (drained once its new ones are healthy). */
  oldRunnerIds: z.array(RunnerId),
  /** Previous-version runners serving it again after a rollback. */
  restoredRunnerIds: z.array(RunnerId),
  updatedAt: IsoTimestamp,
});
export type RolloutTargetView = z.infer<typeof RolloutTargetView>;

/**
 * One rollout of a pool to a version, with a result per target, as `GET /v1/namespaces/:ns/rollouts/:id`
 * returns it (and every write on a rollout answers).
 */
export const RolloutView = z.object({
  rolloutId: RolloutId,
  namespace: Namespace,
  pool: PoolName,
  version: Version,
  build: Build,
  artifact: Artifact,
  strategy: RolloutStrategy,
  targetBy: TargetBy,
  healthyWindowSeconds: z.int().min(0),
  failureThreshold: FailureThreshold,
  autoRollback: z.boolean(),
  status: RolloutViewStatus,
  /** How it ended; null until every target is at rest. */
  outcome: RolloutOutcome.nullable(),
  /** Why it rolls (or rolled) back; null when it never did. */
  rollbackReason: RollbackStartedData.shape.reason.nullable(),
  /** The canary gate; null for other strategies. */
  gate: z
    .object({
      kind: z.enum(['health', 'approval']),
      status: z.enum(['closed', 'waiting', 'passed', 'failed']),
    })
    .nullable(),
  startedBy: Actor,
  startedAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  finishedAt: IsoTimestamp.nullable(),
  /** Targets that failed to move: what the failure threshold counts. */
  failedTargets: z.int().min(0),
  /** In the order they move. */
  targets: z.array(RolloutTargetView),
});
export type RolloutView = z.infer<typeof RolloutView>;

/** `GET /v1/namespaces/:ns/rollouts`: newest first. */
export const RolloutListReply = z.object({ rollouts: z.array(RolloutView) });
export type RolloutListReply = z.infer<typeof RolloutListReply>;
