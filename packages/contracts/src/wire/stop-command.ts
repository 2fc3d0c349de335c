import { z } from 'zod';
import { StopReason } from '../stop-reason';

/** Rollcall -> runner on `<prefix>.v1.<ns>.runner.<runnerId>.stop`. */
export const StopCommand = z
  .object({
    reason: StopReason,
    forced: z.boolean().describe('True when sessions may still be running (the drain deadline passed).'),
  })
  .describe('Exit now, then publish runner.disconnected.');
export type StopCommand = z.infer<typeof StopCommand>;
