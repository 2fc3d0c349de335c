import type { RolloutOutcome } from '@rollcall/contracts';
import { deterministicEventIds, handlePoolCommand } from '@rollcall/pool-commands';
import { commandBase, type StepContext, stepKey } from './step-context';

/** The rollout finished: the pool's one-rollout guard is released (`EndRollout`; a repeat is a no-op). */
export async function releasePool(context: StepContext, outcome: RolloutOutcome): Promise<void> {
  const { rollout } = context;
  const key = stepKey(rollout, 'release-pool');
  const result = await handlePoolCommand(
    context.db,
    {
      type: 'EndRollout',
      data: { namespace: rollout.namespace, pool: rollout.pool, rolloutId: rollout.rolloutId, outcome },
      metadata: commandBase(context).metadata,
    },
    {
      cache: context.pools,
      eventId: deterministicEventIds(key),
      metadata: { correlationId: rollout.rolloutId, causationId: key },
    },
  );
  if (result.kind === 'appended') {
    context.logger.info(
      { rolloutId: rollout.rolloutId, pool: rollout.pool, outcome },
      'rollout released its pool',
    );
  }
}
