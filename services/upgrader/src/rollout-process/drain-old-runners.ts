import type { RunnerId, TargetId, Version } from '@rollcall/contracts';
import { findRunner } from '@rollcall/domain';
import { deterministicEventIds, handlePoolCommand } from '@rollcall/pool-commands';
import { commandBase, recordStep, type StepContext, stepKey } from './step-context';
import { isLiveRunner } from './target-runners';

/** How long the old runners of a pool without config may finish their sessions (the drain deadline). */
const UNCONFIGURED_DRAIN_SECONDS = 300;

/**
 * The target's new runners proved healthy: its old runners are drained on the pool (reason `rollout`,
 * superseded by the rollout's version; the drainer carries the drains to their end) -> `RecordOldDrained`.
 * Old runners already draining or gone are left as they are; a repeat after a crash drains nothing twice.
 */
export async function drainOldRunners(
  context: StepContext,
  targetId: TargetId,
  runnerIds: readonly RunnerId[],
  supersededBy: Version,
): Promise<void> {
  const { rollout, pool } = context;
  const { ref, metadata } = commandBase(context);
  const known = runnerIds.filter((runnerId) => findRunner(pool, runnerId) !== undefined);
  if (known.length > 0) {
    const key = stepKey(rollout, `${targetId}|drain-old|pool`);
    const result = await handlePoolCommand(
      context.db,
      {
        type: 'RequestDrain',
        data: {
          namespace: rollout.namespace,
          pool: rollout.pool,
          target: { by: 'runnerIds', runnerIds: known },
          reason: 'rollout',
          supersededBy,
          // The pool's drain timeout applies; a pool never configured has none, and gets the default.
          ...(pool.status === 'open' && pool.config !== null
            ? {}
            : { deadlineSeconds: UNCONFIGURED_DRAIN_SECONDS }),
        },
        metadata,
      },
      {
        cache: context.pools,
        eventId: deterministicEventIds(key),
        metadata: { correlationId: rollout.rolloutId, causationId: key },
      },
    );
    if (result.kind === 'appended') {
      context.logger.info(
        { rolloutId: rollout.rolloutId, targetId, runnerIds: known, supersededBy },
        "target's old runners drained",
      );
    }
  }
  await recordStep(context, `${targetId}|drained`, {
    type: 'RecordOldDrained',
    data: { ...ref, targetId },
    metadata,
  });
}

/** Once none of the target's old runners is live any more (stopped, lost, or unknown) -> `CompleteTarget`. */
export async function completeWhenOldStopped(
  context: StepContext,
  targetId: TargetId,
  runnerIds: readonly RunnerId[],
): Promise<void> {
  const live = runnerIds.filter((runnerId) => {
    const runner = findRunner(context.pool, runnerId);
    return runner !== undefined && isLiveRunner(runner);
  });
  if (live.length > 0) return;
  const { ref, metadata } = commandBase(context);
  await recordStep(context, `${targetId}|complete`, {
    type: 'CompleteTarget',
    data: { ...ref, targetId },
    metadata,
  });
}
