import { z } from 'zod';
import { Actor } from '../../actor';
import { Artifact, Digest } from '../../artifact';
import { Namespace, PoolName } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { Build, Version } from '../../version';
import { eventSchema } from '../event-schema';

export const VersionPublishedData = z.object({
  namespace: Namespace,
  pool: PoolName,
  version: Version,
  build: Build,
  artifact: Artifact,
  digest: Digest.optional(),
  notes: z.string().max(4096).optional(),
  publishedAt: IsoTimestamp,
  publishedBy: Actor,
});
export type VersionPublishedData = z.infer<typeof VersionPublishedData>;

export const VersionPublished = eventSchema('VersionPublished', VersionPublishedData);
export type VersionPublished = z.infer<typeof VersionPublished>;
