import { z } from 'zod';
import { Actor } from '../../actor';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { RolloutRef } from './rollout-ref';
import { TargetId } from './target-id';

/** A canary failed or an operator rejected the gate: the rollout rolls back. */
export const GateFailedData = RolloutRef.extend({
  how: z.enum(['canary_failed', 'rejected']),
  by: Actor,
  /** The canary whose failure failed the gate. */
  targetId: TargetId.optional(),
  reason: z.string().max(1024).optional(),
  at: IsoTimestamp,
});
export type GateFailedData = z.infer<typeof GateFailedData>;

export const GateFailed = eventSchema('GateFailed', GateFailedData);
export type GateFailed = z.infer<typeof GateFailed>;
