import type { z } from 'zod';
import { DrainView } from './drain-view';

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
