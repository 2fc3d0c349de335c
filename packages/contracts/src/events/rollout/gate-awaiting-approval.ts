import { z } from 'zod';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { RolloutRef } from './rollout-ref';
import { TargetId } from './target-id';

/** The canaries are done: the rest of the targets wait for an operator's approval. */
export const GateAwaitingApprovalData = RolloutRef.extend({
  canaryTargetIds: z.array(TargetId),
  at: IsoTimestamp,
});
export type GateAwaitingApprovalData = z.infer<typeof GateAwaitingApprovalData>;

export const GateAwaitingApproval = eventSchema('GateAwaitingApproval', GateAwaitingApprovalData);
export type GateAwaitingApproval = z.infer<typeof GateAwaitingApproval>;
