import type { z } from 'zod';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { TargetError } from './target-error';
import { TargetRef } from './target-ref';

/** The target's previous state could not be brought back: it is failed and needs an operator. */
export const TargetRollbackFailedData = TargetRef.extend({
  error: TargetError,
  at: IsoTimestamp,
});
export type TargetRollbackFailedData = z.infer<typeof TargetRollbackFailedData>;

export const TargetRollbackFailed = eventSchema('TargetRollbackFailed', TargetRollbackFailedData);
export type TargetRollbackFailed = z.infer<typeof TargetRollbackFailed>;
