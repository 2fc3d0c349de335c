import { z } from 'zod';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { RolloutOutcome } from './rollout-outcome';
import { RolloutRef } from './rollout-ref';

/** Every target is at rest; the pool's rollout guard can be released (`RolloutEnded`). */
export const RolloutFinishedData = RolloutRef.extend({
  outcome: RolloutOutcome,
  done: z.int32().min(0),
  failed: z.int32().min(0),
  skipped: z.int32().min(0),
  rolledBack: z.int32().min(0),
  at: IsoTimestamp,
});
export type RolloutFinishedData = z.infer<typeof RolloutFinishedData>;

export const RolloutFinished = eventSchema('RolloutFinished', RolloutFinishedData);
export type RolloutFinished = z.infer<typeof RolloutFinished>;
