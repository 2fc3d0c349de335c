import { z } from 'zod';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { TargetRef } from './target-ref';

/** The launcher(s) of the target are to start the new version. */
export const TargetStartRequestedData = TargetRef.extend({
  /** 1 for the first start of the target, 2 for the forced re-pull after a stale artifact. */
  attempt: z.int32().min(1),
  forceRefresh: z.boolean(),
  at: IsoTimestamp,
});
export type TargetStartRequestedData = z.infer<typeof TargetStartRequestedData>;

export const TargetStartRequested = eventSchema('TargetStartRequested', TargetStartRequestedData);
export type TargetStartRequested = z.infer<typeof TargetStartRequested>;
