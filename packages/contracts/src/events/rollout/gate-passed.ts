import { z } from 'zod';
import { Actor } from '../../actor';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { RolloutRef } from './rollout-ref';

/** The canary gate opened: the rest of the targets follow. */
export const GatePassedData = RolloutRef.extend({
  how: z.enum(['health', 'approval']),
  by: Actor,
  at: IsoTimestamp,
});
export type GatePassedData = z.infer<typeof GatePassedData>;

export const GatePassed = eventSchema('GatePassed', GatePassedData);
export type GatePassed = z.infer<typeof GatePassed>;
