import { z } from 'zod';

export const DrainReason = z
  .enum(['version_upgrade', 'operator', 'server_drain', 'rollout'])
  .describe('Why a runner is drained.');
export type DrainReason = z.infer<typeof DrainReason>;
