import type { PoolName } from '@rollcall/contracts';
import { StartRolloutRefusedError } from './start-rollout-refused-error';

/** No strategy in the request and none in the pool's `rolloutDefaults` to fall back on. */
export class RolloutStrategyMissingError extends StartRolloutRefusedError {
  override readonly name = 'RolloutStrategyMissingError';
  constructor(
    readonly pool: PoolName,
    options?: ErrorOptions,
  ) {
    super(
      `strategy: required, since pool ${pool} has no rolloutDefaults (give a strategy, or configure the pool's defaults)`,
      options,
    );
  }
}
