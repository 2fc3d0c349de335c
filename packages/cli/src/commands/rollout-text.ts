import type { RolloutStrategy, RolloutTargetView, RolloutView } from '@rollcall/contracts';
import { formatTime } from '../output/format-time';
import { renderTable } from '../output/render-table';

const AT_REST: ReadonlySet<RolloutTargetView['state']> = new Set([
  'done',
  'failed',
  'skipped',
  'rolled_back',
]);
const BAR_WIDTH = 20;

/** `rolling (batch 2, max unavailable 1)`, `canary (1 target, approval gate)`, `all-at-once`. */
export function describeStrategy(strategy: RolloutStrategy): string {
  switch (strategy.kind) {
    case 'rolling':
      return `rolling (batch ${strategy.batchSize}, max unavailable ${strategy.maxUnavailable})`;
    case 'canary': {
      const size =
        strategy.canaryCount === undefined
          ? `${Math.round((strategy.canaryShare ?? 0) * 100)}% of targets`
          : `${strategy.canaryCount} target${strategy.canaryCount === 1 ? '' : 's'}`;
      return `canary (${size}, ${strategy.gate} gate)`;
    }
    case 'all-at-once':
      return 'all-at-once';
  }
}

/** A target's result for a person: why it was skipped, or the error it failed with. */
export function targetResult(target: RolloutTargetView): string | null {
  if (target.why !== null) return target.why;
  if (target.error !== null)
    return `${target.failedDuring ?? 'failed'}: ${target.error.class}: ${target.error.message}`;
  return null;
}

/** `s1: done`, `s2: failed (start: start_failed: exit 1)`: one line per target change on a pipe. */
export function describeTarget(target: RolloutTargetView): string {
  const result = targetResult(target);
  return `${target.targetId}: ${target.state}${result === null ? '' : ` (${result})`}`;
}

/** `rollout <id> (web -> v2): running, 1/3 targets at rest`. */
export function describeRollout(rollout: RolloutView): string {
  const atRest = rollout.targets.filter((target) => AT_REST.has(target.state)).length;
  const gate = rollout.gate === null ? '' : `, ${rollout.gate.kind} gate ${rollout.gate.status}`;
  return `rollout ${rollout.rolloutId} (${rollout.pool} -> v${rollout.version}): ${rollout.status}, ${atRest}/${rollout.targets.length} targets at rest${gate}`;
}

/** The rollout as `rollcall rollout status` shows it: a summary with a progress bar, then one line per target. */
export function rolloutText(rollout: RolloutView): string {
  const atRest = rollout.targets.filter((target) => AT_REST.has(target.state)).length;
  const filled =
    rollout.targets.length === 0 ? BAR_WIDTH : Math.round((atRest / rollout.targets.length) * BAR_WIDTH);
  const count = (state: RolloutTargetView['state']) =>
    rollout.targets.filter((target) => target.state === state).length;
  const lines = [
    `rollout ${rollout.rolloutId}`,
    `  ${rollout.pool} -> v${rollout.version} (${rollout.build}), ${describeStrategy(rollout.strategy)}, targets by ${
      rollout.targetBy.by === 'server' ? 'server' : `label ${rollout.targetBy.key}`
    }`,
    `  started by ${rollout.startedBy} at ${formatTime(rollout.startedAt)}${
      rollout.finishedAt === null ? '' : `, finished at ${formatTime(rollout.finishedAt)}`
    }`,
    `  ${rollout.status}${rollout.rollbackReason === null ? '' : ` (rollback: ${rollout.rollbackReason})`}${
      rollout.gate === null ? '' : `, ${rollout.gate.kind} gate ${rollout.gate.status}`
    }  [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${atRest}/${rollout.targets.length} at rest: ${count('done')} done, ${count('failed')} failed, ${count('skipped')} skipped, ${count('rolled_back')} rolled back`,
    '',
    renderTable(
      ['TARGET', 'STATE', 'FROM', 'NEW RUNNERS', 'RESULT'],
      rollout.targets.map((target) => [
        `${target.targetId}${target.canary ? ' (canary)' : ''}`,
        target.state,
        `v${target.previousVersion}`,
        target.newRunnerIds.join(','),
        targetResult(target),
      ]),
    ),
  ];
  return lines.join('\n');
}

/** Rollouts as a table, newest first, one a line. */
export function rolloutsTable(rollouts: readonly RolloutView[]): string {
  return renderTable(
    ['ROLLOUT', 'POOL', 'VERSION', 'STRATEGY', 'STATUS', 'TARGETS', 'STARTED BY', 'STARTED AT'],
    rollouts.map((rollout) => [
      rollout.rolloutId,
      rollout.pool,
      `v${rollout.version}`,
      rollout.strategy.kind,
      rollout.status,
      `${rollout.targets.filter((target) => AT_REST.has(target.state)).length}/${rollout.targets.length}`,
      rollout.startedBy,
      formatTime(rollout.startedAt),
    ]),
  );
}
