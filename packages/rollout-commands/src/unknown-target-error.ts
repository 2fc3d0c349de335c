import type { PoolName, TargetBy, TargetId } from '@rollcall/contracts';
import { describeTargetBy } from './describe-target-by';
import { StartRolloutRefusedError } from './start-rollout-refused-error';

/** A target asked for is not a place the pool runs now; names it and the places there are. */
export class UnknownTargetError extends StartRolloutRefusedError {
  override readonly name = 'UnknownTargetError';
  constructor(
    readonly targetId: TargetId,
    readonly pool: PoolName,
    readonly targetBy: TargetBy,
    readonly known: readonly TargetId[],
    options?: ErrorOptions,
  ) {
    super(
      `target ${targetId} is not a ${describeTargetBy(targetBy)} pool ${pool} runs on (it runs on ${known.join(', ') || 'none'})`,
      options,
    );
  }
}
