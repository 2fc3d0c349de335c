import { z } from 'zod';

/** Rollcall -> launcher, request on `<prefix>.v1.<ns>.launcher.<serverId>.status`; answered by `LauncherStatusReply`. */
export const LauncherStatusRequest = z.object({}).describe('Ask what the launcher runs and caches.');
export type LauncherStatusRequest = z.infer<typeof LauncherStatusRequest>;
