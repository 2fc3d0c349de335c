import { RolloutAbortedData } from '@rollcall/contracts';
import { StartRolloutRequest } from '@rollcall/rollout-commands';
import { z } from 'zod';

/**
 * `POST .../pools/:pool/rollouts`: the version, and any settings that differ from the pool's rollout
 * defaults. Unknown fields are refused so a typo is named instead of silently ignored.
 */
export const StartRolloutBody = StartRolloutRequest.omit({ namespace: true, pool: true }).strict();

/** `POST .../rollouts/:id/<action>`: no body, or a reason (kept by abort and reject). */
export const SteerRolloutBody = z.object({ reason: RolloutAbortedData.shape.reason }).strict().nullish();
