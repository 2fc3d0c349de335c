import { poolStream } from '@rollcall/contracts';
import type { PoolCommand, PoolState } from '@rollcall/domain';
import type { EventLogDatabase } from '@rollcall/eventlog';
import {
  deterministicEventIds,
  handlePoolCommand,
  type PoolCommandResult,
  poolStateCache,
} from '@rollcall/pool-commands';
import type { Kysely } from 'kysely';
import type { CommandCause } from './command-cause';
import type { RegistryMetrics } from './registry-metrics';
import { serialByKey } from './serial-by-key';

export interface PoolCommandHandler {
  /**
   * Decides `command` against the pool's current state and appends the result in one optimistic append.
   * `duplicate`: this cause's events are already in the log (a redelivery after a crash between commit and ack).
   */
  handle(command: PoolCommand, cause: CommandCause): Promise<PoolCommandResult>;
  /** The pool's state as this process last knew it, or undefined when it never loaded the pool. */
  peek(namespace: string, pool: string): PoolState | undefined;
}

export interface PoolCommandHandlerOptions {
  db: Kysely<EventLogDatabase>;
  metrics: RegistryMetrics;
  /** Appends tried before a command that keeps meeting concurrent writers fails. @default 10 */
  maxAttempts?: number;
}

/**
 * The shared pool command handler (`@rollcall/pool-commands`) with what ingest adds: pool states cached
 * between messages, event ids derived from the message's cause (a redelivery appends nothing), and commands
 * on one pool run one at a time in this process, so replicas contend with each other, never with themselves.
 */
export function poolCommandHandler(options: PoolCommandHandlerOptions): PoolCommandHandler {
  const { db, metrics } = options;
  const cache = poolStateCache(db);
  const perPool = serialByKey();

  return {
    handle(command, cause) {
      const streamName = poolStream(command.data.namespace, command.data.pool);
      return perPool.run(streamName, () =>
        handlePoolCommand(db, command, {
          cache,
          eventId: deterministicEventIds(cause.key),
          metadata: { causationId: cause.causationId, correlationId: cause.causationId },
          onConflict: ({ type }) => metrics.appendRetries.inc({ command: type }),
          ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
        }),
      );
    },
    peek(namespace, pool) {
      return cache.peek(poolStream(namespace, pool))?.state;
    },
  };
}
