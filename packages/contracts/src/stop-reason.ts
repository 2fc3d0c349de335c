import { z } from 'zod';

/**
 * `drain_complete`: a draining runner reached 0 sessions. `drain_deadline`: the deadline passed with sessions
 * left (sent with `forced: true`). `operator`: an operator stopped the runner directly.
 */
export const StopReason = z
  .enum(['drain_complete', 'drain_deadline', 'operator'])
  .describe('Why a runner is stopped.');
export type StopReason = z.infer<typeof StopReason>;
