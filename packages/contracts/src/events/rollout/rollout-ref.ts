import { z } from 'zod';
import { Namespace, PoolName } from '../../identifiers';
import { RolloutId } from './rollout-id';

/** What every rollout event names, so a read model can key it without the stream name. */
export const RolloutRef = z.object({ namespace: Namespace, pool: PoolName, rolloutId: RolloutId });
export type RolloutRef = z.infer<typeof RolloutRef>;
