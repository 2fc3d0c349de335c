import type { EventLogDatabase } from '@rollcall/eventlog';
import { recordLiveness } from '@rollcall/projections';
import type { Logger } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import { messageCause } from './command-cause';
import type { IngestMeta } from './ingest-meta';
import type { HeartbeatBatcher } from './liveness/heartbeat-batcher';
import { runnerPool } from './liveness/runner-pool';
import { mayBeTransition } from './may-be-transition';
import type { RunnerMessage } from './parse-runner-message';
import type { PoolCommandHandler } from './pool-command-handler';
import { runnerActor } from './runner-actor';
import { type HandledOutcome, settleCommandResult } from './settle-command-result';

export interface RunnerMessageHandlerOptions {
  db: Kysely<EventLogDatabase>;
  commands: PoolCommandHandler;
  heartbeats: HeartbeatBatcher;
  clock: () => Date;
  logger: Logger;
}

/**
 * Turns one valid runner message into its pool command (connect, busy/idle transition, disconnect) and
 * keeps `runner_liveness` current. Resolves once everything is committed, so the message can be
 * acknowledged. The ingest loop handles messages in batches (`runnerBatchHandler`); this is the one-at-a-time
 * way it falls back to.
 */
export function runnerMessageHandler(
  options: RunnerMessageHandlerOptions,
): (message: RunnerMessage, meta: IngestMeta) => Promise<HandledOutcome> {
  const { db, commands, heartbeats, clock, logger } = options;

  return async (message, meta) => {
    const cause = messageCause(meta);
    const { namespace } = message;
    const { runnerId } = message.payload;
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
        return settleCommandResult(outcome, cause, logger, runnerId);
      }

      case 'heartbeat': {
        const { activeSessions } = message.payload;
        const recorded = await heartbeats.record({ namespace, runnerId, activeSessions, at: meta.storedAt });
        if (recorded === null) {
          logger.debug({ namespace, runnerId }, 'heartbeat from a runner never seen connecting; ignored');
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
        return settleCommandResult(outcome, cause, logger, runnerId);
      }

      case 'disconnected': {
        const pool = await runnerPool(db, { namespace, runnerId });
        if (pool === null) {
          logger.debug({ namespace, runnerId }, 'disconnect from a runner never seen connecting; ignored');
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
        return settleCommandResult(outcome, cause, logger, runnerId);
      }
    }
  };
}
