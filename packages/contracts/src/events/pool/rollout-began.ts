import { z } from 'zod';
import { Actor } from '../../actor';
import { Artifact, Digest } from '../../artifact';
import { Namespace, PoolName } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { Build, Version } from '../../version';
import { eventSchema } from '../event-schema';
import { RolloutId } from '../rollout/rollout-id';

/**
 * The pool's one-rollout-at-a-time guard: a rollout holds the pool from here to its `RolloutEnded`. On the
 * pool stream so two concurrent starts conflict on its expected version. Carries the catalog entry the
 * rollout moves to, as the pool knew it when the rollout began.
 */
export const RolloutBeganData = z.object({
  namespace: Namespace,
  pool: PoolName,
  rolloutId: RolloutId,
  version: Version,
  build: Build,
  artifact: Artifact,
  digest: Digest.optional(),
  by: Actor,
  at: IsoTimestamp,
});
export type RolloutBeganData = z.infer<typeof RolloutBeganData>;

export const RolloutBegan = eventSchema('RolloutBegan', RolloutBeganData);
export type RolloutBegan = z.infer<typeof RolloutBegan>;
