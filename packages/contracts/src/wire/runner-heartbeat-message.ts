import { z } from 'zod';
import { RunnerId } from '../identifiers';
import { IsoTimestamp } from '../timestamp';

/** Runner -> Rollcall on `<prefix>.v1.<ns>.runner.heartbeat`. */
export const RunnerHeartbeatMessage = z
  .object({
    runnerId: RunnerId,
    activeSessions: z.int32().min(0).describe('Sessions the runner holds right now.'),
    sentAt: IsoTimestamp.optional(),
  })
  .describe('Periodic liveness signal, also while draining.');
export type RunnerHeartbeatMessage = z.infer<typeof RunnerHeartbeatMessage>;
