import { z } from 'zod';
import { RunnerId } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { TargetRef } from './target-ref';

/** The launcher(s) started the new version's runners; their health is watched from now on. */
export const TargetStartedData = TargetRef.extend({
  attempt: z.int32().min(1),
  runnerIds: z.array(RunnerId).min(1),
  at: IsoTimestamp,
});
export type TargetStartedData = z.infer<typeof TargetStartedData>;

export const TargetStarted = eventSchema('TargetStarted', TargetStartedData);
export type TargetStarted = z.infer<typeof TargetStarted>;
