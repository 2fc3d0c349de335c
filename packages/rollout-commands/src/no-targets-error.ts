import type { PoolName, TargetBy } from '@rollcall/contracts';
import { describeTargetBy } from './describe-target-by';
import { StartRolloutRefusedError } from './start-rollout-refused-error';

/** The pool runs nowhere a rollout could move: no live runner (with the label, when targets are labels). */
export class NoTargetsError extends StartRolloutRefusedError {
  override readonly name = 'NoTargetsError';
  constructor(
    readonly pool: PoolName,
    readonly targetBy: TargetBy,
    options?: ErrorOptions,
  ) {
    super(
      `pool ${pool} has no live runner on any ${describeTargetBy(targetBy)}: there is nothing to roll out to`,
      options,
    );
  }
}
