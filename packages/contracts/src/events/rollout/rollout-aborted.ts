import { z } from 'zod';
import { Actor } from '../../actor';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { RolloutRef } from './rollout-ref';

/** An operator stopped the rollout: targets not begun are skipped, moving ones undone, done ones kept. */
export const RolloutAbortedData = RolloutRef.extend({
  by: Actor,
  reason: z.string().max(1024).optional(),
  at: IsoTimestamp,
});
export type RolloutAbortedData = z.infer<typeof RolloutAbortedData>;

export const RolloutAborted = eventSchema('RolloutAborted', RolloutAbortedData);
export type RolloutAborted = z.infer<typeof RolloutAborted>;
