import { z } from 'zod';
import { Namespace, PoolName, RunnerId, ServerId } from '../../identifiers';
import { Labels } from '../../labels';
import { IsoTimestamp } from '../../timestamp';
import { Build, Version } from '../../version';
import { eventSchema } from '../event-schema';

export const RunnerConnectedData = z.object({
  namespace: Namespace,
  pool: PoolName,
  runnerId: RunnerId,
  version: Version,
  build: Build.optional(),
  serverId: ServerId,
  slots: z.int32().min(1),
  labels: Labels,
  connectedAt: IsoTimestamp,
});
export type RunnerConnectedData = z.infer<typeof RunnerConnectedData>;

export const RunnerConnected = eventSchema('RunnerConnected', RunnerConnectedData);
export type RunnerConnected = z.infer<typeof RunnerConnected>;
