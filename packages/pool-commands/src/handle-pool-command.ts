import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type EventMetadata, type PoolEvent, poolStream } from '@rollcall/contracts';
import {
  decide,
  evolve,
  type PoolCommand,
  PoolCommandError,
  type PoolRef,
  type PoolState,
} from '@rollcall/domain';
import {
  append,
  CommandRetriesExhaustedError,
  ConcurrencyError,
  conflictBackoffMs,
  type EventLogDatabase,
  IdempotencyConflictError,
  type NewEvent,
} from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import type { LoadedPool } from './fold-pool-stream';
import { poolEventRegistry } from './pool-event-registry';
import { type PoolStateCache, poolStateCache } from './pool-state-cache';

/**
 * Picks the command to decide from the pool's current state, or null when there is nothing to do. Called
 * again on the fresh state after a concurrent writer moved the stream, so a process manager's condition
 * ("idle", "past its deadline") is judged on the same state the decision is appended against.
 */
export type PoolDecision = (state: PoolState) => PoolCommand | null;

export interface HandlePoolCommandOptions {
  /** Appends tried before a command that keeps meeting concurrent writers fails. @default 10 */
  maxAttempts?: number;
  /** Recorded on every event beside the command's actor (and runner id), e.g. a request id as correlation id. */
  metadata?: Pick<EventMetadata, 'correlationId' | 'causationId'>;
  /**
   * Id of the `index`-th event of the decision. Derive it from the cause (`deterministicEventIds`) to make
   * a repeated cause append once. @default a random UUID
   */
  eventId?: (index: number) => string;
  /**
   * Pool states kept between calls; a decision on a cached state is checked against the log before a
   * "nothing to do" or a refusal is trusted. @default a cache for this call only (the stream is read)
   */
  cache?: PoolStateCache;
  /** Called before each retry after a concurrent writer moved the stream (e.g. to count them). */
  onConflict?: (command: PoolCommand) => void;
}

export interface PoolCommandResult {
  /**
   * - `appended`: the decision's events are in the log.
   * - `unchanged`: the command changes nothing (a repeat, a heartbeat that is no transition), or there was
   *   no command to decide.
   * - `duplicate`: these event ids were already in the log (the same cause handled before); nothing appended.
   */
  readonly kind: 'appended' | 'unchanged' | 'duplicate';
  /** What was appended; empty unless `appended`. */
  readonly events: readonly PoolEvent[];
  readonly eventIds: readonly string[];
  /** Global positions of those events. */
  readonly positions: readonly bigint[];
  /** The pool after the command, as far as this call knows it. */
  readonly state: PoolState;
  /** The stream version `state` is folded to. */
  readonly version: bigint;
}

/**
 * Emmett's command handler for the pool aggregate: (1) take the pool's state, (2) decide, (3) append the
 * decision in one append expecting the version that state was folded to. When another writer got there
 * first (ConcurrencyError) the state is caught up and the command decided afresh, with jittered backoff,
 * at most `maxAttempts` appends. A stale cached state cannot slip through: the append's compare-and-set
 * refuses it, and a decision to do nothing (or a refusal) is only trusted once made on a caught-up state,
 * since no append checks it. Domain refusals (`PoolCommandError`) propagate untouched.
 * @throws PoolCommandError, CommandRetriesExhaustedError
 */
export function handlePoolCommand(
  db: Kysely<EventLogDatabase>,
  command: PoolCommand,
  options: HandlePoolCommandOptions = {},
): Promise<PoolCommandResult> {
  return handlePoolDecision(db, command.data, () => command, options);
}

/** `handlePoolCommand` for a command chosen from the pool's state by `decision`. */
export async function handlePoolDecision(
  db: Kysely<EventLogDatabase>,
  { namespace, pool: poolName }: PoolRef,
  decision: PoolDecision,
  options: HandlePoolCommandOptions = {},
): Promise<PoolCommandResult> {
  const streamName = poolStream(namespace, poolName);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 10);
  const eventId = options.eventId ?? (() => randomUUID());
  const cache = options.cache ?? poolStateCache(db);

  let pool = cache.peek(streamName);
  let caughtUp = false;
  if (pool === undefined) {
    pool = await cache.catchUp(streamName);
    caughtUp = true;
  }
  for (let appends = 0; ; ) {
    let command: PoolCommand | null;
    let events: PoolEvent[];
    try {
      command = decision(pool.state);
      events = command === null ? [] : decide(command, pool.state);
    } catch (error) {
      // A refusal, like a decision to do nothing, counts only when made on the log's current state.
      if (caughtUp || !(error instanceof PoolCommandError)) throw error;
      pool = await cache.catchUp(streamName);
      caughtUp = true;
      continue;
    }
    if (command === null || events.length === 0) {
      if (caughtUp) return nothingAppended('unchanged', pool);
      pool = await cache.catchUp(streamName);
      caughtUp = true;
      continue;
    }

    const newEvents = toNewEvents(events, command, options.metadata ?? {}, eventId);
    appends += 1;
    try {
      const result = await append(
        db,
        { streamName, expectedVersion: pool.version, events: newEvents },
        { registry: poolEventRegistry },
      );
      if (result.duplicate) return nothingAppended('duplicate', await cache.catchUp(streamName));
      cache.applied(streamName, events, result.nextExpectedVersion);
      return {
        kind: 'appended',
        events,
        eventIds: newEvents.map((event) => event.eventId),
        positions: result.positions,
        state: events.reduce(evolve, pool.state),
        version: result.nextExpectedVersion,
      };
    } catch (error) {
      // Some of these ids are stored: this cause was handled before, when the pool decided differently.
      if (error instanceof IdempotencyConflictError) {
        return nothingAppended('duplicate', await cache.catchUp(streamName));
      }
      if (!(error instanceof ConcurrencyError)) throw error;
      if (appends >= maxAttempts) {
        throw new CommandRetriesExhaustedError(streamName, appends, { cause: error });
      }
      options.onConflict?.(command);
      await sleep(conflictBackoffMs(appends));
      pool = await cache.catchUp(streamName);
      caughtUp = true;
    }
  }
}

function nothingAppended(kind: 'unchanged' | 'duplicate', pool: LoadedPool): PoolCommandResult {
  return { kind, events: [], eventIds: [], positions: [], state: pool.state, version: pool.version };
}

function toNewEvents(
  events: readonly PoolEvent[],
  command: PoolCommand,
  metadata: Pick<EventMetadata, 'correlationId' | 'causationId'>,
  eventId: (index: number) => string,
): NewEvent[] {
  const runnerId = 'runnerId' in command.data ? command.data.runnerId : undefined;
  return events.map((event, index) => ({
    eventId: eventId(index),
    type: event.type,
    data: event.data,
    metadata: { ...metadata, actor: command.metadata.actor, ...(runnerId === undefined ? {} : { runnerId }) },
  }));
}
