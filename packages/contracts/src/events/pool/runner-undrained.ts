import { z } from 'zod';
import { Actor } from '../../actor';
import { Namespace, PoolName, RunnerId } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';

export const RunnerUndrainedData = z.object({
  namespace: Namespace,
  pool: PoolName,
  runnerId: RunnerId,
  requestedBy: Actor,
  at: IsoTimestamp,
});
export type RunnerUndrainedData = z.infer<typeof RunnerUndrainedData>;

export const RunnerUndrained = eventSchema('RunnerUndrained', RunnerUndrainedData);
export type RunnerUndrained = z.infer<typeof RunnerUndrained>;
