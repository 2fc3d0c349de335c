import { z } from 'zod';
import { RunnerId } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { TargetRef } from './target-ref';

/** The target runs its backed-up version and config again, and none of the new runners. */
export const TargetRolledBackData = TargetRef.extend({
  /** The previous version's runners serving the target again (kept, undrained or restarted). */
  runnerIds: z.array(RunnerId),
  at: IsoTimestamp,
});
export type TargetRolledBackData = z.infer<typeof TargetRolledBackData>;

export const TargetRolledBack = eventSchema('TargetRolledBack', TargetRolledBackData);
export type TargetRolledBack = z.infer<typeof TargetRolledBack>;
