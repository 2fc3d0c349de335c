import type { z } from 'zod';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { TargetRef } from './target-ref';

/** The target's new runners connected and stayed healthy for the rollout's window. */
export const TargetHealthyData = TargetRef.extend({
  at: IsoTimestamp,
});
export type TargetHealthyData = z.infer<typeof TargetHealthyData>;

export const TargetHealthy = eventSchema('TargetHealthy', TargetHealthyData);
export type TargetHealthy = z.infer<typeof TargetHealthy>;
