import { Artifact, Digest, IsoTimestamp, PoolName, Version } from '@rollcall/contracts';
import { z } from 'zod';

/**
 * One artifact cache entry, `<cache>/<pool>/<version>.json`: what the local launcher "fetched" for a pool
 * version. For `example-runner:` artifacts the fetch resolves the SDK's example runner on this machine and
 * records its entry point; `digest` is the artifact's digest (see {@link artifactDigest}) so a damaged or
 * stale entry can be told from a good one.
 */
export const ArtifactManifest = z.object({
  pool: PoolName,
  version: Version,
  artifact: Artifact,
  digest: Digest,
  entry: z.string().min(1).describe('Absolute path of the runner program the launcher starts.'),
  fetchedAt: IsoTimestamp,
});
export type ArtifactManifest = z.infer<typeof ArtifactManifest>;
