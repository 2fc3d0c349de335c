import { z } from 'zod';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { TargetError } from './target-error';
import { TargetRef } from './target-ref';

/**
 * The target could not move. Never half-done: its new runners are stopped and its old ones kept (undrained),
 * which `TargetCleanedUp` confirms when there was anything to undo.
 */
export const TargetFailedData = TargetRef.extend({
  during: z.enum(['start', 'health']),
  error: TargetError,
  at: IsoTimestamp,
});
export type TargetFailedData = z.infer<typeof TargetFailedData>;

export const TargetFailed = eventSchema('TargetFailed', TargetFailedData);
export type TargetFailed = z.infer<typeof TargetFailed>;
