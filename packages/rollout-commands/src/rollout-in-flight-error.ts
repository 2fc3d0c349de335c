import type { IsoTimestamp, PoolName, RolloutId, Version } from '@rollcall/contracts';
import { StartRolloutRefusedError } from './start-rollout-refused-error';

/** One rollout per pool at a time: names the one holding the pool, so an operator can steer or await it. */
export class RolloutInFlightError extends StartRolloutRefusedError {
  override readonly name = 'RolloutInFlightError';
  constructor(
    readonly pool: PoolName,
    readonly rolloutId: RolloutId,
    readonly version: Version,
    readonly since: IsoTimestamp,
    options?: ErrorOptions,
  ) {
    super(
      `rollout ${rolloutId} (to version ${version}, since ${since}) is in flight in pool ${pool}: wait for it to finish, or abort it`,
      options,
    );
  }
}
