import type { RollingStrategy, RolloutTarget, TargetId } from '@rollcall/contracts';
import { countIn, type Rollout, targetsIn } from './state';

/**
 * The pending targets the strategy lets begin now, in rollout order; none unless the rollout is running.
 * - `all-at-once`: every pending target.
 * - `rolling`: while fewer than `batchSize` targets are moving (starting, healthy, draining old) and fewer
 *   than `maxUnavailable` of them are still unproven (starting), the next pending ones.
 * - `canary`: the canaries while the gate is closed; the rest once it passed; none while it waits or failed.
 */
export function targetsToBegin(rollout: Rollout): TargetId[] {
  if (rollout.status !== 'running') return [];
  const pending = targetsIn(rollout, 'pending');
  const strategy = rollout.strategy;
  switch (strategy.kind) {
    case 'all-at-once':
      return [...pending];
    case 'rolling': {
      const room = rollingRoom(rollout, strategy);
      return room > 0 ? [...pending.take(room)] : [];
    }
    case 'canary': {
      const gate = rollout.gate?.status;
      if (gate === 'passed') return [...pending];
      if (gate !== 'closed') return [];
      return [...pending.filter((targetId) => rollout.targets.get(targetId)?.canary === true)];
    }
  }
}

/** How many more targets a rolling strategy lets begin: room in the batch and among the unproven. */
function rollingRoom(rollout: Rollout, strategy: RollingStrategy): number {
  const moving = countIn(rollout, 'starting', 'healthy', 'draining_old');
  const unproven = countIn(rollout, 'starting');
  return Math.min(strategy.batchSize - moving, strategy.maxUnavailable - unproven);
}

/** Whether `targetsToBegin` lists the target, without listing every pending target of a large rollout. */
export function mayBegin(rollout: Rollout, targetId: TargetId): boolean {
  if (rollout.status !== 'running') return false;
  const pending = targetsIn(rollout, 'pending');
  if (!pending.has(targetId)) return false;
  const strategy = rollout.strategy;
  switch (strategy.kind) {
    case 'all-at-once':
      return true;
    case 'rolling': {
      const room = rollingRoom(rollout, strategy);
      return room > 0 && pending.take(room).has(targetId);
    }
    case 'canary': {
      const gate = rollout.gate?.status;
      return gate === 'passed' || (gate === 'closed' && rollout.targets.get(targetId)?.canary === true);
    }
  }
}

/**
 * The canaries of a canary strategy, chosen when the rollout starts among the targets it will move: the
 * first `canaryCount`, or the first `canaryShare` (rounded up), at least one and, when there are two or
 * more, never all of them (something must be left for the gate to let through).
 */
export function chooseCanaries(
  strategy: Rollout['strategy'],
  movable: readonly Pick<RolloutTarget, 'targetId'>[],
): TargetId[] {
  if (strategy.kind !== 'canary' || movable.length === 0) return [];
  const wanted = strategy.canaryCount ?? Math.ceil((strategy.canaryShare ?? 0) * movable.length);
  const count = Math.min(Math.max(wanted, 1), Math.max(movable.length - 1, 1));
  return movable.slice(0, count).map((target) => target.targetId);
}
