import {
  FailureThreshold,
  Namespace,
  PoolName,
  RolloutStartedData,
  RolloutStrategy,
  TargetBy,
  TargetId,
  Version,
} from '@rollcall/contracts';
import { z } from 'zod';

/**
 * What starting a rollout asks for. Settings left out come from the pool's `rolloutDefaults` (and, past
 * those, the contract's defaults); `targets` narrows the places the pool runs (default: all of them).
 */
export const StartRolloutRequest = z.object({
  namespace: Namespace,
  pool: PoolName,
  version: Version,
  strategy: RolloutStrategy.optional(),
  targetBy: TargetBy.optional(),
  targets: z.array(TargetId).min(1).optional().describe('Target ids to move, in order; default all.'),
  healthyWindowSeconds: RolloutStartedData.shape.healthyWindowSeconds.optional(),
  failureThreshold: FailureThreshold.optional(),
  autoRollback: z.boolean().optional(),
});
export type StartRolloutRequest = z.infer<typeof StartRolloutRequest>;
