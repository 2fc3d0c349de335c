import { z } from 'zod';
import { RunnerId } from '../identifiers';

/** Runner -> Rollcall on `<prefix>.v1.<ns>.runner.disconnected`. */
export const RunnerDisconnectedMessage = z
  .object({
    runnerId: RunnerId,
    reason: z.string().max(1024).optional(),
  })
  .describe('The runner is exiting and takes no more sessions.');
export type RunnerDisconnectedMessage = z.infer<typeof RunnerDisconnectedMessage>;
