import { z } from 'zod';
import { Namespace, PoolName } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { RolloutId } from '../rollout/rollout-id';
import { RolloutOutcome } from '../rollout/rollout-outcome';

/** The rollout holding the pool finished (`RolloutFinished`): another one may begin. */
export const RolloutEndedData = z.object({
  namespace: Namespace,
  pool: PoolName,
  rolloutId: RolloutId,
  outcome: RolloutOutcome,
  at: IsoTimestamp,
});
export type RolloutEndedData = z.infer<typeof RolloutEndedData>;

export const RolloutEnded = eventSchema('RolloutEnded', RolloutEndedData);
export type RolloutEnded = z.infer<typeof RolloutEnded>;
