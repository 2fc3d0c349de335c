import { z } from 'zod';
import { Namespace, PoolName, RunnerId } from '../identifiers';
import { WorkerStatus } from './worker-status';

/**
 * The answer to `DELETE /v1/namespaces/:ns/drains/:runnerId`: the runner and its status after the undrain.
 * `undrained` is false when there was no drain to cancel (a repeat, or a runner that was never drained).
 */
export const UndrainReply = z.object({
  namespace: Namespace,
  runnerId: RunnerId,
  pool: PoolName,
  undrained: z.boolean(),
  status: WorkerStatus,
});
export type UndrainReply = z.infer<typeof UndrainReply>;
