import type { RolloutTargetView, RolloutView } from '@rollcall/contracts';
import type { ComponentChildren } from 'preact';

export interface RolloutCardProps {
  rollout: RolloutView;
  /** Pause or resume, for operators. */
  steering: ComponentChildren;
}

/** A target's result for a person: its error and when it failed, why it was skipped, or its new runners. */
function targetResult(target: RolloutTargetView): string {
  if (target.error !== null) {
    const during = target.failedDuring === null ? '' : ` (during ${target.failedDuring})`;
    return `${target.error.class}${during}: ${target.error.message}`;
  }
  if (target.why !== null) return target.why;
  if (target.newRunnerIds.length > 0) return `new runners: ${target.newRunnerIds.join(', ')}`;
  return '';
}

/** One rollout: its pool, version, status and strategy, and every target's state and result. */
export function RolloutCard({ rollout, steering }: RolloutCardProps) {
  const started = `${rollout.strategy.kind}, started ${new Date(rollout.startedAt).toLocaleString()} by ${rollout.startedBy}`;
  return (
    <article class="rollout" data-rollout-id={rollout.rolloutId} data-status={rollout.status}>
      <header>
        <strong>
          {rollout.pool} → v{rollout.version}
        </strong>
        <span class={`badge ${rollout.status}`}>{rollout.status}</span>
        {rollout.outcome === null ? null : <span class="muted">outcome: {rollout.outcome}</span>}
        {rollout.gate === null ? null : (
          <span class="muted">{`${rollout.gate.kind} gate ${rollout.gate.status}`}</span>
        )}
        <span class="muted">{started}</span>
        {steering}
      </header>
      <table>
        <thead>
          <tr>
            <th>Target</th>
            <th>State</th>
            <th>From</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {rollout.targets.map((target) => (
            <tr key={target.targetId} data-target-id={target.targetId} data-state={target.state}>
              <td>
                <code>{target.targetId}</code>
                {target.canary ? <span class="badge">canary</span> : null}
              </td>
              <td>
                <span class={`badge ${target.state}`}>{target.state}</span>
              </td>
              <td>v{target.previousVersion}</td>
              <td class="muted">{targetResult(target)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
