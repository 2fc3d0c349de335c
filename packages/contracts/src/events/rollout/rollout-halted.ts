import { z } from 'zod';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { FailureThreshold } from './failure-threshold';
import { RolloutRef } from './rollout-ref';

/** Failed targets reached the failure threshold: the rollout stops (and rolls back when configured to). */
export const RolloutHaltedData = RolloutRef.extend({
  failedTargets: z.int32().min(1),
  threshold: FailureThreshold,
  at: IsoTimestamp,
});
export type RolloutHaltedData = z.infer<typeof RolloutHaltedData>;

export const RolloutHalted = eventSchema('RolloutHalted', RolloutHaltedData);
export type RolloutHalted = z.infer<typeof RolloutHalted>;
