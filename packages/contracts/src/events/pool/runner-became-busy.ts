import { z } from 'zod';
import { Namespace, PoolName, RunnerId } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';

export const RunnerBecameBusyData = z.object({
  namespace: Namespace,
  pool: PoolName,
  runnerId: RunnerId,
  // Busy means at least one session; the transition back to 0 is RunnerBecameIdle.
  activeSessions: z.int32().min(1),
  at: IsoTimestamp,
});
export type RunnerBecameBusyData = z.infer<typeof RunnerBecameBusyData>;

export const RunnerBecameBusy = eventSchema('RunnerBecameBusy', RunnerBecameBusyData);
export type RunnerBecameBusy = z.infer<typeof RunnerBecameBusy>;
