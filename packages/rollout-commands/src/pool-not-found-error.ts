import type { Namespace, PoolName } from '@rollcall/contracts';
import { StartRolloutRefusedError } from './start-rollout-refused-error';

/** The pool's stream holds nothing: no runner ever connected and no one configured or published it. */
export class PoolNotFoundError extends StartRolloutRefusedError {
  override readonly name = 'PoolNotFoundError';
  constructor(
    readonly namespace: Namespace,
    readonly pool: PoolName,
    options?: ErrorOptions,
  ) {
    super(`pool ${pool} is not known in namespace ${namespace}`, options);
  }
}
