import type { z } from 'zod';
import { Actor } from '../../actor';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { RolloutRef } from './rollout-ref';

/** Targets begin again as the strategy allows. */
export const RolloutResumedData = RolloutRef.extend({
  by: Actor,
  at: IsoTimestamp,
});
export type RolloutResumedData = z.infer<typeof RolloutResumedData>;

export const RolloutResumed = eventSchema('RolloutResumed', RolloutResumedData);
export type RolloutResumed = z.infer<typeof RolloutResumed>;
