import { z } from 'zod';
import { Namespace, PoolName, RunnerId } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';

export const RunnerBecameIdleData = z.object({
  namespace: Namespace,
  pool: PoolName,
  runnerId: RunnerId,
  at: IsoTimestamp,
});
export type RunnerBecameIdleData = z.infer<typeof RunnerBecameIdleData>;

export const RunnerBecameIdle = eventSchema('RunnerBecameIdle', RunnerBecameIdleData);
export type RunnerBecameIdle = z.infer<typeof RunnerBecameIdle>;
