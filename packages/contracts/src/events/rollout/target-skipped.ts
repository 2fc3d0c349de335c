import { z } from 'zod';
import { Actor } from '../../actor';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { TargetRef } from './target-ref';

/** A target the rollout leaves as it is (pinned, already there, or the rollout stopped before it began). */
export const TargetSkippedData = TargetRef.extend({
  why: z.string().min(1).max(1024),
  by: Actor,
  at: IsoTimestamp,
});
export type TargetSkippedData = z.infer<typeof TargetSkippedData>;

export const TargetSkipped = eventSchema('TargetSkipped', TargetSkippedData);
export type TargetSkipped = z.infer<typeof TargetSkipped>;
