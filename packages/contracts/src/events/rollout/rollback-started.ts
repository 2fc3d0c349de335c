import { z } from 'zod';
import { Actor } from '../../actor';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { RolloutRef } from './rollout-ref';

/** Every target the rollout moved returns to its backed-up version and config; none begins any more. */
export const RollbackStartedData = RolloutRef.extend({
  reason: z.enum(['operator', 'failure_threshold', 'gate_failed', 'gate_rejected']),
  by: Actor,
  at: IsoTimestamp,
});
export type RollbackStartedData = z.infer<typeof RollbackStartedData>;

export const RollbackStarted = eventSchema('RollbackStarted', RollbackStartedData);
export type RollbackStarted = z.infer<typeof RollbackStarted>;
