import { z } from 'zod';
import { Actor } from '../../actor';
import { Namespace, PoolName } from '../../identifiers';
import { eventSchema } from '../event-schema';
import { RolloutDefaults } from '../rollout/rollout-defaults';
import { TargetId } from '../rollout/target-id';
import { TargetSettings } from '../rollout/target-settings';

export const PoolConfiguredData = z.object({
  namespace: Namespace,
  pool: PoolName,
  drainOnVersionUpgrade: z.boolean(),
  drainTimeoutSeconds: z.int32().min(1),
  autoUpgrade: z.boolean(),
  /**
   * Version-claim guard: a runner claiming more than the highest known version plus this step is refused,
   * so one bad `version` (e.g. 2147483647) cannot drain the whole pool.
   */
  maxVersionStep: z.int32().min(1).default(10),
  /** How rollouts of the pool run by default; an automatic rollout needs them. */
  rolloutDefaults: RolloutDefaults.optional(),
  /** Settings of the places the pool runs (servers or label values), by target id. */
  targets: z.record(TargetId, TargetSettings).optional(),
  configuredBy: Actor.optional(),
});
export type PoolConfiguredData = z.infer<typeof PoolConfiguredData>;

export const PoolConfigured = eventSchema('PoolConfigured', PoolConfiguredData);
export type PoolConfigured = z.infer<typeof PoolConfigured>;
