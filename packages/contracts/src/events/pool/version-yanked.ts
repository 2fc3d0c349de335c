import { z } from 'zod';
import { Namespace, PoolName } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { Version } from '../../version';
import { eventSchema } from '../event-schema';

export const VersionYankedData = z.object({
  namespace: Namespace,
  pool: PoolName,
  version: Version,
  reason: z.string().min(1).max(1024),
  at: IsoTimestamp,
});
export type VersionYankedData = z.infer<typeof VersionYankedData>;

export const VersionYanked = eventSchema('VersionYanked', VersionYankedData);
export type VersionYanked = z.infer<typeof VersionYanked>;
