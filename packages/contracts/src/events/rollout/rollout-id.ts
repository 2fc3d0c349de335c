import type { z } from 'zod';
import { Identifier } from '../../identifiers';

/** Id of one rollout, chosen by whoever starts it; part of the stream name `rollout-<ns>+<rolloutId>`. */
export const RolloutId = Identifier.describe('Id of one rollout of a pool to a version.');
export type RolloutId = z.infer<typeof RolloutId>;
