import { z } from 'zod';
import { Artifact, Digest } from '../artifact';
import { PoolName } from '../identifiers';
import { Version } from '../version';

/** Rollcall -> launcher, request on `<prefix>.v1.<ns>.launcher.<serverId>.start`; answered by `LauncherStartReply`. */
export const LauncherStartRequest = z
  .object({
    pool: PoolName,
    version: Version,
    artifact: Artifact,
    digest: Digest.optional(),
    forceRefresh: z
      .boolean()
      .describe('Fetch the artifact again even if cached: heals a stale or corrupt cache entry.'),
    config: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Pool-specific settings passed to the runner.'),
  })
  .describe('Start one runner of this pool and version.');
export type LauncherStartRequest = z.infer<typeof LauncherStartRequest>;
