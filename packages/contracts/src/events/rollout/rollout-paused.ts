import type { z } from 'zod';
import { Actor } from '../../actor';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { RolloutRef } from './rollout-ref';

/** No further target begins; targets already moving finish their steps. */
export const RolloutPausedData = RolloutRef.extend({
  by: Actor,
  at: IsoTimestamp,
});
export type RolloutPausedData = z.infer<typeof RolloutPausedData>;

export const RolloutPaused = eventSchema('RolloutPaused', RolloutPausedData);
export type RolloutPaused = z.infer<typeof RolloutPaused>;
