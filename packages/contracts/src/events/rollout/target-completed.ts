import type { z } from 'zod';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { TargetRef } from './target-ref';

/** The target runs the new version only: its old runners have stopped. */
export const TargetCompletedData = TargetRef.extend({
  at: IsoTimestamp,
});
export type TargetCompletedData = z.infer<typeof TargetCompletedData>;

export const TargetCompleted = eventSchema('TargetCompleted', TargetCompletedData);
export type TargetCompleted = z.infer<typeof TargetCompleted>;
