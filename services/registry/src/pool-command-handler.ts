import { setTimeout as sleep } from 'node:timers/promises';
import { type PoolEvent, poolStream } from '@rollcall/contracts';
import { decide, type PoolCommand, PoolCommandError, type PoolState } from '@rollcall/domain';
import {
  append,
  ConcurrencyError,
  type EventLogDatabase,
  IdempotencyConflictError,
  type NewEvent,
} from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { AppendRetriesExhaustedError } from './append-retries-exhausted-error';
import { type CommandCause, causedEventId } from './command-cause';
import { poolEventRegistry } from './pool-event-registry';
import { type CachedPool, type PoolStateCache, poolStateCache } from './pool-state-cache';
import type { RegistryMetrics } from './registry-metrics';
import { serialByKey } from './serial-by-key';

export type CommandOutcome =
  | {
      readonly kind: 'appended';
      readonly events: readonly PoolEvent[];
      readonly eventIds: readonly string[];
      readonly positions: readonly bigint[];
    }
  /** The command changes nothing (a repeat, or a heartbeat that is no transition). */
  | { readonly kind: 'unchanged' }
  /** This cause's events are already in the log: a redelivery after a crash between commit and ack. */
  | { readonly kind: 'duplicate' };

export interface PoolCommandHandler {
  /** Decides `command` against the pool's current state and appends the result in one optimistic append. */
  handle(command: PoolCommand, cause: CommandCause): Promise<CommandOutcome>;
  /** The pool's state as this process last knew it, or undefined when it never loaded the pool. */
  peek(namespace: string, pool: string): PoolState | undefined;
}

export interface PoolCommandHandlerOptions {
  db: Kysely<EventLogDatabase>;
  logger: Logger;
  metrics: RegistryMetrics;
  /** Appends tried before a command that keeps meeting concurrent writers fails. @default 10 */
  maxAttempts?: number;
}

/**
 * Emmett's command handler, with a cache: (1) take the pool's cached state, (2) decide, (3) append with the
 * expected version set to the version that state was folded to. A stale cache cannot slip through: the
 * append's compare-and-set refuses it (ConcurrencyError), the state is caught up and the command decided
 * again, with jittered backoff and a bound. A decision to do nothing (or a refusal) is only trusted once
 * made on a caught-up state, since no append checks it. Commands on one pool run one at a time in this
 * process, so replicas contend with each other, never with themselves.
 */
export function poolCommandHandler(options: PoolCommandHandlerOptions): PoolCommandHandler {
  const { db, logger, metrics } = options;
  const maxAttempts = options.maxAttempts ?? 10;
  const cache: PoolStateCache = poolStateCache(db);
  const perPool = serialByKey();

  async function decideAndAppend(
    streamName: string,
    command: PoolCommand,
    cause: CommandCause,
  ): Promise<CommandOutcome> {
    let pool: CachedPool | undefined = cache.peek(streamName);
    let caughtUp = false;
    if (pool === undefined) {
      pool = await cache.catchUp(streamName);
      caughtUp = true;
    }
    for (let attempt = 1; ; attempt++) {
      let events: PoolEvent[];
      try {
        events = decide(command, pool.state);
      } catch (error) {
        // A refusal, like a decision to do nothing, counts only when made on the log's current state.
        if (caughtUp || !(error instanceof PoolCommandError)) throw error;
        pool = await cache.catchUp(streamName);
        caughtUp = true;
        continue;
      }
      if (events.length === 0) {
        if (caughtUp) return { kind: 'unchanged' };
        pool = await cache.catchUp(streamName);
        caughtUp = true;
        continue;
      }
      const newEvents = toNewEvents(events, command, cause);
      try {
        const result = await append(
          db,
          { streamName, expectedVersion: pool.version, events: newEvents },
          { registry: poolEventRegistry },
        );
        if (result.duplicate) {
          await cache.catchUp(streamName);
          return { kind: 'duplicate' };
        }
        cache.applied(streamName, events, result.nextExpectedVersion);
        const eventIds = newEvents.map((event) => event.eventId);
        return { kind: 'appended', events, eventIds, positions: result.positions };
      } catch (error) {
        if (error instanceof IdempotencyConflictError) {
          // Some of these ids are stored: this cause was handled before, when the pool decided differently.
          logger.info(
            { streamName, causationId: cause.causationId, storedEventIds: error.storedEventIds },
            'message already handled (its first events are in the log); not deciding it again',
          );
          await cache.catchUp(streamName);
          return { kind: 'duplicate' };
        }
        if (!(error instanceof ConcurrencyError)) throw error;
        if (attempt >= maxAttempts)
          throw new AppendRetriesExhaustedError(streamName, attempt, { cause: error });
        metrics.appendRetries.inc({ command: command.type });
        await sleep(jitteredDelayMs(attempt));
        pool = await cache.catchUp(streamName);
        caughtUp = true;
      }
    }
  }

  return {
    handle(command, cause) {
      const streamName = poolStream(command.data.namespace, command.data.pool);
      return perPool.run(streamName, () => decideAndAppend(streamName, command, cause));
    },
    peek(namespace, pool) {
      return cache.peek(poolStream(namespace, pool))?.state;
    },
  };
}

function toNewEvents(events: readonly PoolEvent[], command: PoolCommand, cause: CommandCause): NewEvent[] {
  const runnerId = 'runnerId' in command.data ? command.data.runnerId : undefined;
  return events.map((event, index) => ({
    eventId: causedEventId(cause, index),
    type: event.type,
    data: event.data,
    metadata: {
      causationId: cause.causationId,
      correlationId: cause.causationId,
      actor: command.metadata.actor,
      ...(runnerId === undefined ? {} : { runnerId }),
    },
  }));
}

/** Full jitter over an exponential cap, so replicas that collided do not collide again in step. */
function jitteredDelayMs(attempt: number): number {
  return Math.random() * Math.min(1000, 5 * 2 ** attempt);
}
