import { z } from 'zod';
import { FailureThreshold } from './failure-threshold';
import { RolloutStrategy } from './rollout-strategy';
import { TargetBy } from './target-by';

/**
 * How a pool's rollouts run when the request leaves a setting out, and how an automatic rollout (on a
 * newly published version) runs at all.
 */
export const RolloutDefaults = z
  .object({
    strategy: RolloutStrategy,
    targetBy: TargetBy.default({ by: 'server' }),
    healthyWindowSeconds: z
      .int32()
      .min(0)
      .default(10)
      .describe('How long new runners must stay healthy before the old ones are drained.'),
    failureThreshold: FailureThreshold.default({ kind: 'count', count: 1 }),
    autoRollback: z
      .boolean()
      .default(true)
      .describe('Whether crossing the failure threshold rolls the moved targets back.'),
  })
  .describe("The pool's default rollout settings.");
export type RolloutDefaults = z.infer<typeof RolloutDefaults>;
