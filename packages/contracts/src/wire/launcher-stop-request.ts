import { z } from 'zod';
import { RunnerId } from '../identifiers';

/** Rollcall -> launcher on `<prefix>.v1.<ns>.launcher.<serverId>.stop`. */
export const LauncherStopRequest = z
  .object({
    runnerId: RunnerId,
  })
  .describe('Terminate a runner this launcher started.');
export type LauncherStopRequest = z.infer<typeof LauncherStopRequest>;
