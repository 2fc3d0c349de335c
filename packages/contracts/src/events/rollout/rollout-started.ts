import { z } from 'zod';
import { Actor } from '../../actor';
import { Artifact, Digest } from '../../artifact';
import { IsoTimestamp } from '../../timestamp';
import { Build, Version } from '../../version';
import { eventSchema } from '../event-schema';
import { FailureThreshold } from './failure-threshold';
import { RolloutRef } from './rollout-ref';
import { RolloutStrategy } from './rollout-strategy';
import { RolloutTarget } from './rollout-target';
import { TargetBy } from './target-by';
import { TargetId } from './target-id';

/** A rollout of a pool to a published version, with the backup of every target it may move. */
export const RolloutStartedData = RolloutRef.extend({
  version: Version,
  build: Build,
  artifact: Artifact,
  digest: Digest.optional(),
  strategy: RolloutStrategy,
  targetBy: TargetBy,
  /** In the order they are moved. */
  targets: z.array(RolloutTarget).min(1),
  /** The targets a canary rollout moves before its gate (chosen when it starts); empty otherwise. */
  canaryTargetIds: z.array(TargetId),
  /** How long a target's new runners must stay healthy before its old ones are drained. */
  healthyWindowSeconds: z.int32().min(0),
  failureThreshold: FailureThreshold,
  /** Whether crossing the failure threshold rolls the moved targets back (a failed gate always does). */
  autoRollback: z.boolean(),
  startedBy: Actor,
  startedAt: IsoTimestamp,
});
export type RolloutStartedData = z.infer<typeof RolloutStartedData>;

export const RolloutStarted = eventSchema('RolloutStarted', RolloutStartedData);
export type RolloutStarted = z.infer<typeof RolloutStarted>;
