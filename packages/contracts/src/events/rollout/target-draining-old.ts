import { z } from 'zod';
import { RunnerId } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { TargetRef } from './target-ref';

/** The drain of the target's old runners is recorded on the pool; the Drainer carries it out. */
export const TargetDrainingOldData = TargetRef.extend({
  /** The old runners whose drain (reason `rollout`) is recorded on the pool. */
  runnerIds: z.array(RunnerId),
  at: IsoTimestamp,
});
export type TargetDrainingOldData = z.infer<typeof TargetDrainingOldData>;

export const TargetDrainingOld = eventSchema('TargetDrainingOld', TargetDrainingOldData);
export type TargetDrainingOld = z.infer<typeof TargetDrainingOld>;
