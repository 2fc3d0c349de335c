import { z } from 'zod';

/**
 * How a rollout ended. `completed`: every target was tried (some may have failed below the threshold);
 * `failed`: the failure threshold stopped it; `aborted`: an operator stopped it; `rolled_back`: its moved
 * targets were returned to their previous version and config.
 */
export const RolloutOutcome = z.enum(['completed', 'failed', 'aborted', 'rolled_back']);
export type RolloutOutcome = z.infer<typeof RolloutOutcome>;
