import { RunnerId } from '@rollcall/contracts';
import { z } from 'zod';

/**
 * The local launcher's answer to a stop. Stops arrive at least once, so a repeat is no error: `exited` and
 * `unknown` (a runner this launcher does not know) both mean there is nothing left to stop.
 */
export const LauncherStopReply = z.object({
  ok: z.literal(true),
  runnerId: RunnerId,
  state: z.enum(['stopping', 'exited', 'unknown']),
});
export type LauncherStopReply = z.infer<typeof LauncherStopReply>;
