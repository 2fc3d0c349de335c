import { z } from 'zod';
import { Namespace, PoolName, RunnerId } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';

export const RunnerStoppedData = z.object({
  namespace: Namespace,
  pool: PoolName,
  runnerId: RunnerId,
  // As the runner gave it in runner.disconnected.
  reason: z.string().max(1024).optional(),
  at: IsoTimestamp,
});
export type RunnerStoppedData = z.infer<typeof RunnerStoppedData>;

export const RunnerStopped = eventSchema('RunnerStopped', RunnerStoppedData);
export type RunnerStopped = z.infer<typeof RunnerStopped>;
