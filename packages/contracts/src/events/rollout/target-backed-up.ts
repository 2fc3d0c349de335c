import { z } from 'zod';
import { RunnerId } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { Version } from '../../version';
import { eventSchema } from '../event-schema';
import { TargetConfig } from './target-config';
import { TargetRef } from './target-ref';

/** The target's state just before it moves, recorded before anything changes: it begins moving. */
export const TargetBackedUpData = TargetRef.extend({
  previousVersion: Version,
  previousConfig: TargetConfig,
  /** The runners serving the target before it moves: drained once the new ones are healthy. */
  oldRunnerIds: z.array(RunnerId),
  at: IsoTimestamp,
});
export type TargetBackedUpData = z.infer<typeof TargetBackedUpData>;

export const TargetBackedUp = eventSchema('TargetBackedUp', TargetBackedUpData);
export type TargetBackedUp = z.infer<typeof TargetBackedUp>;
