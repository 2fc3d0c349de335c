import type { z } from 'zod';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { TargetRef } from './target-ref';

/** A failed target's new runners are stopped and its old ones serve again. */
export const TargetCleanedUpData = TargetRef.extend({
  at: IsoTimestamp,
});
export type TargetCleanedUpData = z.infer<typeof TargetCleanedUpData>;

export const TargetCleanedUp = eventSchema('TargetCleanedUp', TargetCleanedUpData);
export type TargetCleanedUp = z.infer<typeof TargetCleanedUp>;
