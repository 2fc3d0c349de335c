import { z } from 'zod';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { TargetRef } from './target-ref';

/** A moved (or moving) target is to return to exactly its backed-up version and config. */
export const TargetRollbackRequestedData = TargetRef.extend({
  /** What undoes the move: a rollback of the rollout, or the rollout stopping (abort, failure threshold). */
  cause: z.enum(['rollback', 'abort', 'halt']),
  at: IsoTimestamp,
});
export type TargetRollbackRequestedData = z.infer<typeof TargetRollbackRequestedData>;

export const TargetRollbackRequested = eventSchema('TargetRollbackRequested', TargetRollbackRequestedData);
export type TargetRollbackRequested = z.infer<typeof TargetRollbackRequested>;
