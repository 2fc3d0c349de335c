import type { IsoTimestamp, RunnerId, TargetId } from '@rollcall/contracts';
import { judgeHealth } from './health-verdict';
import { commandBase, recordStep, type StepContext } from './step-context';

/**
 * Watches a started target's new runners on the pool's state -> `RecordTargetHealthy` once they stayed live
 * for the window, `RecordTargetUnhealthy` as soon as one goes away (or never connects); nothing while the
 * window runs. Called again after every pool event and on every tick.
 */
export async function watchTargetHealth(
  context: StepContext,
  targetId: TargetId,
  runnerIds: readonly RunnerId[],
  healthyAt: IsoTimestamp,
): Promise<void> {
  const { rollout, pool, clock } = context;
  const windowMs = rollout.healthyWindowSeconds * 1000;
  const attempt = rollout.targets.get(targetId)?.launch?.attempt ?? 1;
  const verdict = judgeHealth({
    pool,
    runnerIds,
    startedAt: Date.parse(healthyAt) - windowMs,
    windowMs,
    connectTimeoutMs: context.connectTimeoutMs,
    now: clock().getTime(),
  });
  if (verdict.kind === 'waiting') return;
  const { ref, metadata } = commandBase(context);
  const step = `${targetId}|health|${attempt}`;
  await recordStep(
    context,
    step,
    verdict.kind === 'healthy'
      ? { type: 'RecordTargetHealthy', data: { ...ref, targetId }, metadata }
      : { type: 'RecordTargetUnhealthy', data: { ...ref, targetId, why: verdict.why }, metadata },
  );
}
