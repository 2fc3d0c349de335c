import { RequestFailedError } from '@rollcall/bus';
import type { LauncherStartRequest, RunnerId, ServerId, TargetError, TargetId } from '@rollcall/contracts';
import { findRunner, type RestorePlan } from '@rollcall/domain';
import { deterministicEventIds, handlePoolCommand } from '@rollcall/pool-commands';
import { isRunning } from '../launcher-client';
import { commandBase, recordStep, type StepContext, stepKey } from './step-context';
import { mayCountAsStarted, startsPerServer, targetServers } from './target-runners';

/** A failed target put back as it was -> `RecordTargetCleanedUp`. A restore that fails is tried again later. */
export async function cleanUpTarget(
  context: StepContext,
  targetId: TargetId,
  plan: RestorePlan,
): Promise<void> {
  const restored = await restore(context, targetId, plan, 'clean-up');
  if ('failure' in restored) {
    throw new Error(`target ${targetId} could not be cleaned up: ${restored.failure.message}`);
  }
  const { ref, metadata } = commandBase(context);
  await recordStep(context, `${targetId}|clean-up`, {
    type: 'RecordTargetCleanedUp',
    data: { ...ref, targetId },
    metadata,
  });
}

/**
 * A target undone -> `RecordTargetRolledBack` with the runners serving it again, or `RecordTargetRollbackFailed`
 * when its previous version cannot be started again.
 */
export async function rollBackTarget(
  context: StepContext,
  targetId: TargetId,
  plan: RestorePlan,
): Promise<void> {
  const restored = await restore(context, targetId, plan, 'roll-back');
  const { ref, metadata } = commandBase(context);
  const step = `${targetId}|roll-back`;
  if ('failure' in restored) {
    const { class: errorClass, message } = restored.failure;
    await recordStep(context, step, {
      type: 'RecordTargetRollbackFailed',
      data: { ...ref, targetId, errorClass, message },
      metadata,
    });
    return;
  }
  await recordStep(context, step, {
    type: 'RecordTargetRolledBack',
    data: { ...ref, targetId, runnerIds: restored.runnerIds },
    metadata,
  });
}

type Restored = Readonly<{ runnerIds: RunnerId[] }> | Readonly<{ failure: TargetError }>;

/**
 * Carries out a restore plan, never half-done: (1) the new runners are stopped through their launcher;
 * (2) each old runner the rollout drained is undrained, or, when it has stopped already, (3) the previous
 * version is started again with the backed-up config on its server. Every part is a no-op the second time:
 * a stop of a runner gone is nothing, an undrain of an active runner is nothing, and runners of the previous
 * version already running there (started before a crash) count as restarted, unless the pool knows them
 * to be going (as the old runners being replaced are).
 */
async function restore(
  context: StepContext,
  targetId: TargetId,
  plan: RestorePlan,
  step: 'clean-up' | 'roll-back',
): Promise<Restored> {
  const { rollout, pool } = context;
  const target = rollout.targets.get(targetId);
  const oldRunnerIds = target?.backup?.oldRunnerIds ?? [];
  const servers = targetServers(pool, rollout.targetBy, targetId, [...plan.stopRunnerIds, ...oldRunnerIds]);

  // 1. The new runners go, wherever they may run. Asked of the launcher even when the pool knows one
  // stopped or lost: a runner that announced its stop (a crash) may still have a process, and a lost one
  // may still run; the launcher ends it (SIGKILL after its grace), and a repeat or an exited one is nothing.
  for (const runnerId of plan.stopRunnerIds) {
    const runner = findRunner(pool, runnerId);
    for (const serverId of runner === undefined ? servers : [runner.serverId]) {
      await stopThere(context, serverId, runnerId);
    }
  }

  // 2. The old runners the rollout touched: undrained, or to be started again where they stopped.
  const touched = plan.restartPrevious ? oldRunnerIds : plan.undrainRunnerIds;
  const serving: RunnerId[] = oldRunnerIds.filter((runnerId) => {
    const runner = findRunner(pool, runnerId);
    return !touched.includes(runnerId) && runner?.status === 'active';
  });
  const restartOn: ServerId[] = [];
  for (const runnerId of touched) {
    const runner = findRunner(pool, runnerId);
    if (runner?.status === 'draining') {
      await undrain(context, targetId, runnerId, step);
      serving.push(runnerId);
    } else if (runner?.status === 'active') {
      serving.push(runnerId);
    } else if (runner !== undefined) {
      restartOn.push(runner.serverId);
    } else if (rollout.targetBy.by === 'server') {
      restartOn.push(targetId);
    }
  }
  if (restartOn.length === 0) return { runnerIds: serving };

  // 3. The previous version again, with exactly the backed-up config.
  const published = pool.status === 'open' ? pool.catalog.get(plan.previous.version) : undefined;
  if (published === undefined) {
    const message = `version ${plan.previous.version} is not in the pool's catalog: it cannot be started again`;
    return { failure: { class: 'restore_failed', message } };
  }
  const request: LauncherStartRequest = {
    pool: rollout.pool,
    version: plan.previous.version,
    artifact: published.artifact,
    ...(published.digest === undefined ? {} : { digest: published.digest }),
    forceRefresh: false,
    config: plan.previous.config,
  };
  for (const [serverId, wanted] of startsPerServer(restartOn)) {
    const status = await context.launchers.status(rollout.namespace, serverId);
    const running = (status?.runners ?? [])
      .filter((runner) => runner.pool === request.pool && runner.version === request.version)
      .filter((runner) => isRunning(runner) && !serving.includes(runner.runnerId))
      // Never the stopped old runners being replaced, though their processes may still be exiting.
      .filter((runner) => mayCountAsStarted(pool, runner.runnerId))
      .map((runner) => runner.runnerId)
      .sort();
    serving.push(...running.slice(0, wanted));
    for (let started = running.length; started < wanted; started += 1) {
      const reply = await context.launchers.start(rollout.namespace, serverId, request);
      if (!reply.ok) {
        return {
          failure: { class: reply.error.class, message: `server ${serverId}: ${reply.error.message}` },
        };
      }
      context.logger.info(
        {
          rolloutId: rollout.rolloutId,
          targetId,
          serverId,
          runnerId: reply.runnerId,
          version: request.version,
        },
        'previous version started again for the target',
      );
      serving.push(reply.runnerId);
    }
  }
  return { runnerIds: serving };
}

/** A launcher that is gone has nothing of ours to stop; a slow one is asked again on the next turn. */
async function stopThere(context: StepContext, serverId: ServerId, runnerId: RunnerId): Promise<void> {
  try {
    await context.launchers.stop(context.rollout.namespace, serverId, runnerId);
  } catch (error) {
    if (error instanceof RequestFailedError && error.reason === 'no_responders') return;
    throw error;
  }
}

async function undrain(
  context: StepContext,
  targetId: TargetId,
  runnerId: RunnerId,
  step: 'clean-up' | 'roll-back',
): Promise<void> {
  const { rollout } = context;
  const key = stepKey(rollout, `${targetId}|${step}|undrain|${runnerId}`);
  await handlePoolCommand(
    context.db,
    {
      type: 'Undrain',
      data: { namespace: rollout.namespace, pool: rollout.pool, runnerId },
      metadata: commandBase(context).metadata,
    },
    {
      cache: context.pools,
      eventId: deterministicEventIds(key),
      metadata: { correlationId: rollout.rolloutId, causationId: key },
    },
  );
}
