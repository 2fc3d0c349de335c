import type {
  LauncherErrorClass,
  LauncherStartRequest,
  RunnerId,
  ServerId,
  TargetId,
} from '@rollcall/contracts';
import { isRunning } from '../launcher-client';
import { commandBase, recordStep, type StepContext } from './step-context';
import { launchPlaces, mayCountAsStarted, startsPerServer } from './target-runners';

type LaunchOutcome = Readonly<{
  runnerIds: RunnerId[];
  failure: Readonly<{ class: LauncherErrorClass; message: string }> | null;
}>;

/**
 * Starts the new version for a target: one runner per old runner, on its server, each from its launcher ->
 * `RecordTargetStarted`, or `RecordTargetStartFailed` with the first launcher's error (and the runners that
 * did start, so a clean-up stops them). A start is not idempotent, so each server's `status` is asked first:
 * a runner of the pool and version already running there (started before a crash, not yet recorded) counts
 * as started instead of being started twice.
 */
export async function launchTarget(
  context: StepContext,
  targetId: TargetId,
  attempt: number,
  request: LauncherStartRequest,
): Promise<void> {
  const outcome = await launch(context, targetId, request, { startMissing: true });
  await recordLaunch(context, targetId, attempt, outcome);
}

/**
 * A target being undone while its start is unanswered: how the start ended is read from the launchers'
 * `status`, without starting anything -> the runners found count as started (the roll-back stops them).
 */
export async function settleLaunch(
  context: StepContext,
  targetId: TargetId,
  attempt: number,
  request: LauncherStartRequest,
): Promise<void> {
  const outcome = await launch(context, targetId, request, { startMissing: false });
  await recordLaunch(
    context,
    targetId,
    attempt,
    outcome.runnerIds.length > 0
      ? outcome
      : {
          runnerIds: [],
          failure: { class: 'start_failed', message: 'the target was undone before its start was answered' },
        },
  );
}

async function recordLaunch(
  context: StepContext,
  targetId: TargetId,
  attempt: number,
  { runnerIds, failure }: LaunchOutcome,
): Promise<void> {
  const { ref, metadata } = commandBase(context);
  const step = `${targetId}|launch|${attempt}`;
  if (failure === null) {
    await recordStep(context, step, {
      type: 'RecordTargetStarted',
      data: { ...ref, targetId, attempt, runnerIds },
      metadata,
    });
    return;
  }
  const { class: errorClass, message } = failure;
  await recordStep(context, step, {
    type: 'RecordTargetStartFailed',
    data: { ...ref, targetId, attempt, errorClass, message, runnerIds },
    metadata,
  });
}

async function launch(
  context: StepContext,
  targetId: TargetId,
  request: LauncherStartRequest,
  { startMissing }: { startMissing: boolean },
): Promise<LaunchOutcome> {
  const { rollout, pool } = context;
  const target = rollout.targets.get(targetId);
  const places = launchPlaces(pool, rollout.targetBy, targetId, target?.backup?.oldRunnerIds ?? []);
  if (places.length === 0) {
    const message = `no server to start target ${targetId} on: none of its runners is known to the pool`;
    return { runnerIds: [], failure: { class: 'start_failed', message } };
  }
  const claimed = runnersOfOtherTargets(context, targetId);
  // Runners an earlier attempt already recorded count towards the target, but are not recorded again.
  const recorded = new Set(target?.newRunnerIds ?? []);
  const runnerIds: RunnerId[] = [];
  for (const [serverId, wanted] of startsPerServer(places)) {
    const running = (await runningThere(context, serverId, request)).filter((id) => !claimed.has(id));
    runnerIds.push(...running.slice(0, wanted).filter((id) => !recorded.has(id)));
    if (!startMissing) continue;
    for (let started = running.length; started < wanted; started += 1) {
      const reply = await context.launchers.start(rollout.namespace, serverId, request);
      if (!reply.ok) {
        const message = `server ${serverId}: ${reply.error.message}`.slice(0, 4096);
        return { runnerIds, failure: { class: reply.error.class, message } };
      }
      context.logger.info(
        {
          rolloutId: rollout.rolloutId,
          targetId,
          serverId,
          runnerId: reply.runnerId,
          version: request.version,
        },
        'runner started for the target',
      );
      runnerIds.push(reply.runnerId);
    }
  }
  return { runnerIds, failure: null };
}

/**
 * Runners of the request's pool and version running on the server, as its launcher lists them, that the
 * pool does not know to be on their way out (a runner of an earlier attempt or rollout still exiting).
 */
async function runningThere(
  context: StepContext,
  serverId: ServerId,
  request: LauncherStartRequest,
): Promise<RunnerId[]> {
  const status = await context.launchers
    .status(context.rollout.namespace, serverId)
    .catch((error: unknown) => {
      context.logger.warn(
        { err: error, serverId },
        'launcher status unanswered before a start; starting anyway',
      );
      return null;
    });
  return (status?.runners ?? [])
    .filter(
      (runner) =>
        runner.pool === request.pool &&
        runner.version === request.version &&
        isRunning(runner) &&
        mayCountAsStarted(context.pool, runner.runnerId),
    )
    .map((runner) => runner.runnerId)
    .sort();
}

/** New runners the rollout recorded for other targets: never counted as this target's. */
function runnersOfOtherTargets(context: StepContext, targetId: TargetId): Set<RunnerId> {
  const claimed = new Set<RunnerId>();
  for (const target of context.rollout.targets.values()) {
    if (target.targetId !== targetId) for (const runnerId of target.newRunnerIds) claimed.add(runnerId);
  }
  return claimed;
}
