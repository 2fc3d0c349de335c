import { z } from 'zod';
import { RunnerId } from '../identifiers';

/**
 * `artifact_invalid`: fetched but unusable (digest mismatch, bad manifest). `artifact_unavailable`: could not
 * be fetched. `start_failed`: the process did not come up. `no_capacity`: the server is full.
 * `bad_request`: the launcher could not understand the request.
 */
export const LauncherErrorClass = z.enum([
  'artifact_invalid',
  'artifact_unavailable',
  'start_failed',
  'no_capacity',
  'bad_request',
]);
export type LauncherErrorClass = z.infer<typeof LauncherErrorClass>;

/** Launcher -> Rollcall, the reply to `LauncherStartRequest`. */
export const LauncherStartReply = z
  .discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      runnerId: RunnerId.describe('Id the started runner will connect with.'),
    }),
    z.object({
      ok: z.literal(false),
      error: z.object({
        class: LauncherErrorClass,
        message: z.string().max(4096),
      }),
    }),
  ])
  .describe('Whether the runner was started.');
export type LauncherStartReply = z.infer<typeof LauncherStartReply>;
