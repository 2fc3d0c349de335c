import type { RolloutView } from '@rollcall/contracts';
import { describeTarget } from './rollout-text';

/** A followed rollout finished other than `completed` with every target moved: scripts see exit 1. */
export class RolloutEndedError extends Error {
  override readonly name = 'RolloutEndedError';
  constructor(readonly rollout: RolloutView) {
    const failed = rollout.targets.filter((target) => target.state === 'failed').map(describeTarget);
    super(
      `rollout ${rollout.rolloutId} ended ${rollout.outcome ?? rollout.status}${
        failed.length === 0 ? '' : `; failed targets: ${failed.join('; ')}`
      } (rollcall rollout status ${rollout.rolloutId} shows every target)`,
    );
  }
}

/** Whether a finished rollout did what it was asked: completed, with no target failed. */
export function endedWell(rollout: RolloutView): boolean {
  return rollout.outcome === 'completed' && rollout.failedTargets === 0;
}
