import type { ServerId, TargetConfig, TargetId, Version } from '@rollcall/contracts';
import type { StepContext } from './step-context';
import { commandBase, recordStep } from './step-context';
import { oldRunnersOf } from './target-runners';

/**
 * Before a target moves: its live runners in the pool (those not on the rollout's version), the version they
 * run (the highest, if mixed) and the config their launcher started them with (`{}` for a runner no launcher
 * knows) -> `RecordTargetBackedUp`. With no runner there, the target keeps what the rollout expected.
 */
export async function backUpTarget(
  context: StepContext,
  targetId: TargetId,
  expected: Readonly<{ version: Version; config: TargetConfig }>,
): Promise<void> {
  const { rollout, pool } = context;
  const old = oldRunnersOf(pool, rollout.targetBy, targetId, rollout.version);
  const previousVersion =
    old.length === 0 ? expected.version : Math.max(...old.map((runner) => runner.version));
  const previousConfig =
    old.length === 0
      ? expected.config
      : await launchedConfig(
          context,
          old.filter((runner) => runner.version === previousVersion),
        );
  const { ref, metadata } = commandBase(context);
  await recordStep(context, `${targetId}|back-up`, {
    type: 'RecordTargetBackedUp',
    data: {
      ...ref,
      targetId,
      previousVersion,
      previousConfig,
      oldRunnerIds: old.map((runner) => runner.runnerId),
    },
    metadata,
  });
}

/** The config the first of `runners` that a launcher lists was started with. */
async function launchedConfig(
  context: StepContext,
  runners: readonly Readonly<{ runnerId: string; serverId: ServerId }>[],
): Promise<TargetConfig> {
  const servers = [...new Set(runners.map((runner) => runner.serverId))].sort();
  for (const serverId of servers) {
    const status = await context.launchers.status(context.rollout.namespace, serverId);
    const listed = status?.runners.find((listed) =>
      runners.some((runner) => runner.runnerId === listed.runnerId && listed.config !== undefined),
    );
    if (listed?.config !== undefined) return listed.config;
  }
  return {};
}
