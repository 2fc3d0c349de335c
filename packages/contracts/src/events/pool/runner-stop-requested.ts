import { z } from 'zod';
import { Namespace, PoolName, RunnerId } from '../../identifiers';
import { StopReason } from '../../stop-reason';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';

export const RunnerStopRequestedData = z.object({
  namespace: Namespace,
  pool: PoolName,
  runnerId: RunnerId,
  forced: z.boolean(),
  reason: StopReason,
  requestedAt: IsoTimestamp,
});
export type RunnerStopRequestedData = z.infer<typeof RunnerStopRequestedData>;

export const RunnerStopRequested = eventSchema('RunnerStopRequested', RunnerStopRequestedData);
export type RunnerStopRequested = z.infer<typeof RunnerStopRequested>;
