import { z } from 'zod';

/**
 * Where one drain stands, as `GET /v1/namespaces/:ns/drains` shows it. In progress: `requested` (recorded, the
 * drain notice not yet sent), `notified` (sent; the runner is idle and waits for its stop),
 * `waiting_for_sessions` (sent; sessions still running), `stopping` (stop decided). Finished: `stopped`,
 * `forced` (stopped after a forced stop at the deadline), `lost`, `undrained` (cancelled by an operator).
 */
export const DrainState = z
  .enum([
    'requested',
    'notified',
    'waiting_for_sessions',
    'stopping',
    'stopped',
    'forced',
    'lost',
    'undrained',
  ])
  .describe('Where a drain stands; stopped, forced, lost and undrained are final.');
export type DrainState = z.infer<typeof DrainState>;

/** The states a drain ends in: nothing more happens to it. */
export const FINISHED_DRAIN_STATES: readonly DrainState[] = ['stopped', 'forced', 'lost', 'undrained'];
