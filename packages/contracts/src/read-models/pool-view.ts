import { z } from 'zod';
import { Actor } from '../actor';
import { Artifact, Digest } from '../artifact';
import { PoolConfiguredData } from '../events/pool/pool-configured';
import { Namespace, PoolName } from '../identifiers';
import { IsoTimestamp } from '../timestamp';
import { Build, Version } from '../version';

/** A pool's settings as last configured. */
export const PoolConfigView = PoolConfiguredData.pick({
  drainOnVersionUpgrade: true,
  drainTimeoutSeconds: true,
  autoUpgrade: true,
  maxVersionStep: true,
  rolloutDefaults: true,
  targets: true,
});
export type PoolConfigView = z.infer<typeof PoolConfigView>;

/** Runners of one version that are still in service (active, draining or stopping). */
export const VersionInService = z.object({
  version: Version,
  runners: z.int().min(0),
  /** Of those, how many have a drain recorded. */
  draining: z.int().min(0),
});
export type VersionInService = z.infer<typeof VersionInService>;

/** One entry of a pool's version catalog. */
export const CatalogVersionView = z.object({
  version: Version,
  build: Build,
  artifact: Artifact,
  digest: Digest.nullable(),
  publishedAt: IsoTimestamp,
  publishedBy: Actor,
  yanked: z.boolean(),
});
export type CatalogVersionView = z.infer<typeof CatalogVersionView>;

/** One pool, as `GET /v1/namespaces/:ns/pools` returns it. */
export const PoolView = z.object({
  namespace: Namespace,
  pool: PoolName,
  /** Null until the pool is configured. */
  config: PoolConfigView.nullable(),
  /** Highest published version that is not yanked; null without a catalog. */
  latestVersion: Version.nullable(),
  /** Some runner of the pool has a drain in progress (draining, or stopping after a drain). */
  draining: z.boolean(),
  /** Ascending by version. */
  versionsInService: z.array(VersionInService),
  /** Ascending by version. */
  catalog: z.array(CatalogVersionView),
});
export type PoolView = z.infer<typeof PoolView>;
