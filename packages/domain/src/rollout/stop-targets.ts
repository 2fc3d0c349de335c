import type { Actor, IsoTimestamp, RolloutEvent, TargetRollbackRequestedData } from '@rollcall/contracts';
import type { Rollout } from './state';
import { isMoving } from './target';

type StopCause = TargetRollbackRequestedData['cause'];

const NOT_BEGUN_BECAUSE: Record<StopCause, string> = {
  abort: 'the rollout was aborted before this target began',
  halt: 'the rollout stopped at its failure threshold before this target began',
  rollback: 'the rollout was rolled back before this target began',
};

/**
 * What stopping a rollout does to its targets, never leaving one half-done: a target that has not begun is
 * skipped, a moving one is undone (rolled back), and on a rollback a done one is rolled back too. Failed
 * targets are already being restored by their cleanup; skipped and rolled back ones are at rest.
 */
export function stopTargets(
  rollout: Rollout,
  cause: StopCause,
  { by, at }: { readonly by: Actor; readonly at: IsoTimestamp },
): RolloutEvent[] {
  const { namespace, pool, rolloutId } = rollout;
  const events: RolloutEvent[] = [];
  for (const target of rollout.targets.values()) {
    const ref = { namespace, pool, rolloutId, targetId: target.targetId };
    if (target.status === 'pending') {
      events.push({ type: 'TargetSkipped', data: { ...ref, why: NOT_BEGUN_BECAUSE[cause], by, at } });
    } else if (isMoving(target) || (cause === 'rollback' && target.status === 'done')) {
      events.push({ type: 'TargetRollbackRequested', data: { ...ref, cause, at } });
    }
  }
  return events;
}
