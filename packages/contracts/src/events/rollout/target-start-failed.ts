import { z } from 'zod';
import { RunnerId } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { TargetError } from './target-error';
import { TargetRef } from './target-ref';

/** A launcher refused or failed the start of one attempt. */
export const TargetStartFailedData = TargetRef.extend({
  attempt: z.int32().min(1),
  error: TargetError,
  /** Runners that did start before the failure (a target spread over several servers): to be stopped. */
  runnerIds: z.array(RunnerId),
  /** Whether a forced re-pull follows (an `artifact_invalid` on a start that used the cache). */
  retrying: z.boolean(),
  at: IsoTimestamp,
});
export type TargetStartFailedData = z.infer<typeof TargetStartFailedData>;

export const TargetStartFailed = eventSchema('TargetStartFailed', TargetStartFailedData);
export type TargetStartFailed = z.infer<typeof TargetStartFailed>;
