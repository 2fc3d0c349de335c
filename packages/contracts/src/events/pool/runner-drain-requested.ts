import { z } from 'zod';
import { Actor } from '../../actor';
import { DrainReason } from '../../drain-reason';
import { Namespace, PoolName, RunnerId } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { Version } from '../../version';
import { eventSchema } from '../event-schema';

export const RunnerDrainRequestedData = z.object({
  namespace: Namespace,
  pool: PoolName,
  runnerId: RunnerId,
  reason: DrainReason,
  supersededBy: Version.optional(),
  deadline: IsoTimestamp,
  requestedAt: IsoTimestamp,
  requestedBy: Actor,
});
export type RunnerDrainRequestedData = z.infer<typeof RunnerDrainRequestedData>;

export const RunnerDrainRequested = eventSchema('RunnerDrainRequested', RunnerDrainRequestedData);
export type RunnerDrainRequested = z.infer<typeof RunnerDrainRequested>;
