import { z } from 'zod';

/**
 * Where a runner is in its life, as the worker map shows it. `stopped` and `lost` rows are kept so dashboards
 * see recent history; a runner that connects again becomes `active` afresh.
 */
export const WorkerStatus = z
  .enum(['active', 'draining', 'stopping', 'stopped', 'lost'])
  .describe(
    'active: takes sessions; draining: finishing its sessions; stopping: told to stop; stopped/lost: gone.',
  );
export type WorkerStatus = z.infer<typeof WorkerStatus>;
