import type { RolloutTargetView, RolloutView } from '@rollcall/contracts';

/**
 * What changed between two reads of a rollout, as lines to print: each target's start and result as it
 * lands (the steps in between are the dashboard's to show), and the rollout's own turns (paused, rolling
 * back, finished). `previous` is undefined on the first read.
 */
export function rolloutNews(previous: RolloutView | undefined, current: RolloutView): string[] {
  const before = new Map(previous?.targets.map((target) => [target.targetId, target.state]));
  const lines: string[] = [];
  for (const target of current.targets) {
    const was = before.get(target.targetId);
    if (was === target.state) continue;
    const line = targetLine(target, current, was);
    if (line !== undefined) lines.push(line);
  }
  if (previous?.status !== current.status && current.outcome === null && current.status !== 'running') {
    lines.push(`rollout ${current.status.replace('_', ' ')}`);
  }
  return lines;
}

function targetLine(
  target: RolloutTargetView,
  rollout: RolloutView,
  was: RolloutTargetView['state'] | undefined,
): string | undefined {
  const { targetId } = target;
  switch (target.state) {
    case 'pending':
      return undefined;
    case 'starting':
    case 'healthy':
    case 'draining_old':
      // Reported once, when it begins to move (reads may skip states in between).
      return was === undefined || was === 'pending'
        ? `${targetId}: starting version ${rollout.version} (was ${target.previousVersion})`
        : undefined;
    case 'done':
      return `${targetId}: done, version ${rollout.version} serving (${target.newRunnerIds.join(', ')}), version ${target.previousVersion} drained`;
    case 'failed':
      return `${targetId}: failed during ${target.failedDuring ?? 'its move'}: ${target.error?.message ?? 'no reason given'}`;
    case 'skipped':
      return `${targetId}: skipped: ${target.why ?? 'no reason given'}`;
    case 'rolling_back':
      return `${targetId}: rolling back to version ${target.previousVersion}`;
    case 'rolled_back':
      return `${targetId}: rolled back to version ${target.previousVersion}`;
  }
}

/** One line for a finished rollout: its outcome and how many targets ended where. */
export function rolloutSummary(rollout: RolloutView): string {
  const counts = new Map<string, number>();
  for (const { state } of rollout.targets) counts.set(state, (counts.get(state) ?? 0) + 1);
  const tally = [...counts].map(([state, count]) => `${count} ${state.replace('_', ' ')}`).join(', ');
  return `rollout ${rollout.rolloutId} to version ${rollout.version} ${rollout.outcome ?? rollout.status} (${tally})`;
}
