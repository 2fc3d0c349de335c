import { z } from 'zod';
import { Artifact, Digest } from '../artifact';
import { PoolName, RunnerId } from '../identifiers';
import { IsoTimestamp } from '../timestamp';
import { Version } from '../version';

/** Launcher -> Rollcall, the reply to `LauncherStatusRequest`. */
export const LauncherStatusReply = z
  .object({
    runners: z.array(
      z.object({
        runnerId: RunnerId,
        pool: PoolName,
        version: Version,
        startedAt: IsoTimestamp.optional(),
        state: z
          .enum(['running', 'stopping', 'exited'])
          .optional()
          .describe('Whether the runner process still runs; absent means running.'),
        config: z
          .record(z.string(), z.unknown())
          .optional()
          .describe("The start request's `config` the runner was started with (a rollout's backup of it)."),
      }),
    ),
    cache: z.array(
      z.object({
        pool: PoolName,
        version: Version,
        artifact: Artifact,
        digest: Digest.optional(),
        fetchedAt: IsoTimestamp.optional(),
      }),
    ),
  })
  .describe('Runners the launcher runs and the artifacts in its cache.');
export type LauncherStatusReply = z.infer<typeof LauncherStatusReply>;
