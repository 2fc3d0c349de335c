import type { PoolEvent } from '@rollcall/contracts';
import { findRunner } from '@rollcall/domain';
import type { EventLogDatabase } from '@rollcall/eventlog';
import type { PoolCommandResult } from '@rollcall/pool-commands';
import { recordLiveness } from '@rollcall/projections';
import { type Logger, withCorrelation } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import { type CommandCause, messageCause } from './command-cause';
import type { IngestMeta } from './ingest-meta';
import type { HeartbeatBatcher } from './liveness/heartbeat-batcher';
import type { HeartbeatRecorded } from './liveness/record-heartbeats';
import { runnerPool } from './liveness/runner-pool';
import type { RunnerMessage } from './parse-runner-message';
import type { PoolCommandHandler } from './pool-command-handler';
import type { IngestOutcome } from './registry-metrics';
import { runnerActor } from './runner-actor';

/** How a valid runner message ended (invalid and failed ones are settled by the ingest loop). */
export type HandledOutcome = Exclude<IngestOutcome, 'invalid' | 'failed' | 'refused'>;

export interface RunnerMessageHandlerOptions {
  db: Kysely<EventLogDatabase>;
  commands: PoolCommandHandler;
  heartbeats: HeartbeatBatcher;
  clock: () => Date;
  logger: Logger;
}

/**
 * Turns a valid runner message into its pool command (connect, busy/idle transition, disconnect) and keeps
 * `runner_liveness` current. Resolves once everything is committed, so the message can be acknowledged.
 */
export function runnerMessageHandler(
  options: RunnerMessageHandlerOptions,
): (message: RunnerMessage, meta: IngestMeta) => Promise<HandledOutcome> {
  const { db, commands, heartbeats, clock, logger } = options;

  return async (message, meta) => {
    const cause = messageCause(meta);
    const { namespace } = message;
    const { runnerId } = message.payload;
    const log = withCorrelation(logger, { causationId: cause.causationId, runnerId });
    const metadata = { now: clock(), actor: runnerActor(runnerId) };

    switch (message.kind) {
      case 'connected': {
        const { pool, version, build, serverId, slots, labels } = message.payload;
        const outcome = await commands.handle(
          {
            type: 'ConnectRunner',
            data: { namespace, pool, runnerId, version, build, serverId, slots, labels },
            metadata,
          },
          cause,
        );
        // A (re)connect starts the runner's liveness afresh: no sessions, seen now.
        await recordLiveness(db, [{ namespace, runnerId, pool, activeSessions: 0, seenAt: meta.storedAt }]);
        return settled(outcome, log, cause);
      }

      case 'heartbeat': {
        const { activeSessions } = message.payload;
        const recorded = await heartbeats.record({ namespace, runnerId, activeSessions, at: meta.storedAt });
        if (recorded === null) {
          log.debug({ namespace }, 'heartbeat from a runner never seen connecting; ignored');
          return 'unknown_runner';
        }
        if (!recorded.applied || !mayBeTransition(recorded, activeSessions, commands)) return 'unchanged';
        const outcome = await commands.handle(
          {
            type: 'RecordActivity',
            data: { namespace, pool: recorded.pool, runnerId, activeSessions },
            metadata,
          },
          cause,
        );
        return settled(outcome, log, cause);
      }

      case 'disconnected': {
        const pool = await runnerPool(db, { namespace, runnerId });
        if (pool === null) {
          log.debug({ namespace }, 'disconnect from a runner never seen connecting; ignored');
          return 'unknown_runner';
        }
        const outcome = await commands.handle(
          {
            type: 'DisconnectRunner',
            data: { namespace, pool, runnerId, reason: message.payload.reason },
            metadata,
          },
          cause,
        );
        return settled(outcome, log, cause);
      }
    }
  };
}

/**
 * Whether a heartbeat may cross busy <-> idle, so only those cost a decision. The liveness row's previous
 * value is shared by every replica; the cached pool covers the row having moved without its event being
 * appended (a crash or failed append in between), and a pool this process has not loaded is asked.
 */
function mayBeTransition(
  recorded: HeartbeatRecorded,
  activeSessions: number,
  commands: PoolCommandHandler,
): boolean {
  const busy = activeSessions > 0;
  if (recorded.previousSessions > 0 !== busy) return true;
  const state = commands.peek(recorded.namespace, recorded.pool);
  if (state === undefined) return true;
  const runner = findRunner(state, recorded.runnerId);
  if (runner === undefined) return true;
  if (runner.status === 'stopped' || runner.status === 'lost') return false;
  return (runner.idleSince === null) !== busy;
}

function settled(outcome: PoolCommandResult, log: Logger, cause: CommandCause): HandledOutcome {
  switch (outcome.kind) {
    case 'appended':
      outcome.events.forEach((event, index) => {
        logEvent(withCorrelation(log, { eventId: outcome.eventIds[index] }), event);
      });
      return 'applied';
    case 'duplicate':
      log.info({ causationId: cause.causationId }, 'message already handled; acknowledging it again');
      return 'duplicate';
    case 'unchanged':
      return 'unchanged';
  }
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
