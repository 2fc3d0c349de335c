import type { PoolEvent } from '@rollcall/contracts';
import type { PoolCommandResult } from '@rollcall/pool-commands';
import { type Logger, withCorrelation } from '@rollcall/service-kit';
import type { CommandCause } from './command-cause';
import type { IngestOutcome } from './registry-metrics';

/** How a valid runner message ended (invalid and failed ones are settled by the ingest loop). */
export type HandledOutcome = Exclude<IngestOutcome, 'invalid' | 'failed' | 'refused'>;

/**
 * The ingest outcome of a command's result, logging what it appended (one line per event, with its id) or
 * that it was a repeat. Child loggers are only made for lines that will be written: at ingest rates their
 * cost shows.
 */
export function settleCommandResult(
  result: PoolCommandResult,
  cause: CommandCause,
  logger: Logger,
  runnerId: string,
): HandledOutcome {
  switch (result.kind) {
    case 'appended':
      result.events.forEach((event, index) => {
        if (!logger.isLevelEnabled(levelOf(event))) return;
        logEvent(
          withCorrelation(logger, {
            causationId: cause.causationId,
            runnerId,
            eventId: result.eventIds[index],
          }),
          event,
        );
      });
      return 'applied';
    case 'duplicate':
      logger.info(
        { causationId: cause.causationId, runnerId },
        'message already handled; acknowledging it again',
      );
      return 'duplicate';
    case 'unchanged':
      return 'unchanged';
  }
}

function levelOf(event: PoolEvent): 'info' | 'warn' {
  return event.type === 'VersionClaimRefused' ? 'warn' : 'info';
}

function logEvent(log: Logger, event: PoolEvent): void {
  const { namespace, pool } = event.data;
  switch (event.type) {
    case 'RunnerConnected':
      log.info({ namespace, pool, version: event.data.version }, 'runner registered');
      return;
    case 'RunnerDrainRequested':
      log.info(
        {
          namespace,
          pool,
          drainedRunnerId: event.data.runnerId,
          reason: event.data.reason,
          supersededBy: event.data.supersededBy,
          deadline: event.data.deadline,
        },
        'runner drain requested',
      );
      return;
    case 'VersionClaimRefused':
      log.warn(
        {
          namespace,
          pool,
          version: event.data.version,
          highestKnownVersion: event.data.highestKnownVersion,
          reason: event.data.reason,
        },
        'version claim refused: registered, but it drains nothing',
      );
      return;
    default:
      log.info({ namespace, pool, type: event.type }, 'pool event appended');
  }
}
