import { z } from 'zod';
import { PoolName, RunnerId } from '../identifiers';
import { DrainView } from './drain-view';
import { WorkerStatus } from './worker-status';

/** One drain an operator's `POST /v1/namespaces/:ns/drains` recorded: the runner, its pool and version, the deadline. */
export const CreatedDrain = DrainView.pick({
  id: true,
  namespace: true,
  runnerId: true,
  pool: true,
  version: true,
  serverId: true,
  reason: true,
  requestedBy: true,
  requestedAt: true,
  deadline: true,
});
export type CreatedDrain = z.infer<typeof CreatedDrain>;

/**
 * The answer to an operator drain: the drains it recorded (one per runner, by pool then runner id), and the
 * runners it targeted that were not drained because they already drain, stop or are gone.
 */
export const OperatorDrainReply = z.object({
  drains: z.array(CreatedDrain),
  unchanged: z.array(z.object({ runnerId: RunnerId, pool: PoolName, status: WorkerStatus })),
});
export type OperatorDrainReply = z.infer<typeof OperatorDrainReply>;
