import type { RolloutEvent, TargetId } from '@rollcall/contracts';
import type { PoolState, Rollout, TargetStepCommand } from '@rollcall/domain';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { deterministicEventIds, type PoolStateCache } from '@rollcall/pool-commands';
import { handleRolloutCommand, type RolloutCommandResult } from '@rollcall/rollout-commands';
import { type Logger, withCorrelation } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import type { LauncherClient } from '../launcher-client';
import type { UpgraderMetrics } from '../upgrader-metrics';

/** Who the upgrader's own decisions are recorded as. */
export const UPGRADER_ACTOR = 'rollcall:upgrader';

/** What carrying out one rollout action needs: the rollout and its pool as just read, and the I/O. */
export interface StepContext {
  readonly db: Kysely<EventLogDatabase>;
  readonly launchers: LauncherClient;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly metrics: UpgraderMetrics;
  /** Pool states between decisions (drains, undrains, the guard's release). */
  readonly pools: PoolStateCache;
  /** How long a started runner has to connect before its target is judged unhealthy, in ms. */
  readonly connectTimeoutMs: number;
  readonly rollout: Rollout;
  readonly pool: PoolState;
}

/**
 * The idempotency key of one step: the same step of the same target (and attempt) always derives the same
 * event ids, so a step reported again after a crash or by a new leader appends nothing.
 */
export function stepKey(rollout: Rollout, step: string): string {
  return `upgrader|${rollout.namespace}|${rollout.rolloutId}|${step}`;
}

/** The rollout a command is for, and the upgrader's metadata (now, its actor). */
export function commandBase(context: StepContext) {
  const { namespace, rolloutId } = context.rollout;
  return {
    ref: { namespace, rolloutId },
    metadata: { now: context.clock(), actor: UPGRADER_ACTOR },
  } as const;
}

/** Records a step's result on the rollout (`step` names it for its event ids) and logs what it appended. */
export async function recordStep(
  context: StepContext,
  step: string,
  command: TargetStepCommand,
): Promise<RolloutCommandResult> {
  const { rollout } = context;
  const key = stepKey(rollout, step);
  const result = await handleRolloutCommand(context.db, command, {
    eventId: deterministicEventIds(key),
    metadata: { correlationId: rollout.rolloutId, causationId: key },
  });
  result.events.forEach((event, index) => {
    report(context, event, result.eventIds[index]);
  });
  return result;
}

/** Logs an appended rollout event with its correlation ids and counts the targets that came to rest. */
export function report(context: StepContext, event: RolloutEvent, eventId: string | undefined): void {
  const { rolloutId } = context.rollout;
  const targetId: TargetId | undefined = 'targetId' in event.data ? event.data.targetId : undefined;
  const logger = withCorrelation(context.logger, { correlationId: rolloutId, eventId }).child({
    rolloutId,
    ...(targetId === undefined ? {} : { targetId }),
  });
  const result = targetResult(event);
  if (result !== null) context.metrics.targetResults.inc({ result });
  switch (event.type) {
    case 'TargetFailed':
      logger.warn({ during: event.data.during, error: event.data.error }, 'target failed');
      return;
    case 'TargetStartFailed':
      logger.warn({ error: event.data.error, retrying: event.data.retrying }, 'target start failed');
      return;
    case 'TargetRollbackFailed':
      logger.error({ error: event.data.error }, 'target could not be rolled back');
      return;
    case 'RolloutFinished':
      logger.info(
        { outcome: event.data.outcome, done: event.data.done, failed: event.data.failed },
        'rollout finished',
      );
      return;
    default:
      logger.info({ type: event.type }, 'rollout event appended');
  }
}

function targetResult(event: RolloutEvent): string | null {
  switch (event.type) {
    case 'TargetCompleted':
      return 'done';
    case 'TargetFailed':
      return 'failed';
    case 'TargetRolledBack':
      return 'rolled_back';
    case 'TargetRollbackFailed':
      return 'rollback_failed';
    default:
      return null;
  }
}
