import type { RolloutView } from '@rollcall/contracts';
import { describeRollout } from './rollout-text';

/** `--timeout` passed before the followed rollout finished; it goes on regardless. */
export class RolloutWaitTimeoutError extends Error {
  override readonly name = 'RolloutWaitTimeoutError';
  constructor(
    readonly timeoutSeconds: number,
    readonly rollout: RolloutView,
  ) {
    super(
      `timed out after ${timeoutSeconds} s, the rollout goes on: ${describeRollout(rollout)} (rollcall rollout status ${rollout.rolloutId} --watch follows it)`,
    );
  }
}
