import { z } from 'zod';
import { Namespace, PoolName, RunnerId } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';

/** `missed_heartbeats`: silent too long. `stop_timeout`: told to stop but never said disconnected. */
export const RunnerLostReason = z.enum(['missed_heartbeats', 'stop_timeout']);
export type RunnerLostReason = z.infer<typeof RunnerLostReason>;

export const RunnerLostData = z.object({
  namespace: Namespace,
  pool: PoolName,
  runnerId: RunnerId,
  reason: RunnerLostReason,
  lastSeenAt: IsoTimestamp,
  at: IsoTimestamp,
});
export type RunnerLostData = z.infer<typeof RunnerLostData>;

export const RunnerLost = eventSchema('RunnerLost', RunnerLostData);
export type RunnerLost = z.infer<typeof RunnerLost>;
