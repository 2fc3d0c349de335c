import { type PoolEvent, poolStream } from '@rollcall/contracts';
import type { PoolCommand, PoolCommandError, PoolState } from '@rollcall/domain';
import {
  append,
  ConcurrencyError,
  type EventLogDatabase,
  IdempotencyConflictError,
  type NewEvent,
} from '@rollcall/eventlog';
import {
  deterministicEventIds,
  handlePoolCommand,
  type LoadedPool,
  type PoolCommandResult,
  poolEventRegistry,
  poolStateCache,
} from '@rollcall/pool-commands';
import type { Kysely, Transaction } from 'kysely';
import type { CommandCause } from './command-cause';
import { type DecidedInOrder, decideInOrder } from './decide-in-order';
import type { RegistryMetrics } from './registry-metrics';
import { serialByKey } from './serial-by-key';

export interface PoolCommandRequest {
  readonly command: PoolCommand;
  readonly cause: CommandCause;
}

/** A request's outcome in a batch: a result, a refusal, or undefined when `handle` must take it over. */
export type BatchOutcome = PoolCommandResult | PoolCommandError | undefined;

export interface AppendBatchOptions {
  /** Transactions written at once, each with its share of the pools. @default 4 */
  writers?: number;
  /**
   * More writes for a transaction's share of the batch, committed with it: `outcomes` has the batch's
   * length and holds the outcomes of that share only.
   */
  alsoWrite?: (trx: Transaction<EventLogDatabase>, outcomes: readonly BatchOutcome[]) => Promise<void>;
}

export interface PoolCommandHandler {
  /**
   * Decides `command` against the pool's current state and appends the result in one optimistic append.
   * `duplicate`: this cause's events are already in the log (a redelivery after a crash between commit and ack).
   */
  handle(command: PoolCommand, cause: CommandCause): Promise<PoolCommandResult>;
  /**
   * Many commands at once: each pool's commands are decided in order on its cached state and appended in
   * ONE append expecting the cached version. The append's compare-and-set vouches for every decision of the
   * pool, its "nothing to do"s and refusals included. The pools are shared among `writers` transactions
   * written concurrently, each appending its pools in stream-name order (two replicas lock them in the same
   * order, so they wait rather than deadlock). Resolves once every transaction committed or failed, with
   * an outcome per request, in order; undefined ones (a concurrent writer, ids stored before, a failed
   * transaction, or nothing appended to vouch for the cached state) are for `handle`.
   */
  appendBatch(requests: readonly PoolCommandRequest[], options?: AppendBatchOptions): Promise<BatchOutcome[]>;
  /** The pool's state as this process last knew it, or undefined when it never loaded the pool. */
  peek(namespace: string, pool: string): PoolState | undefined;
}

/** One pool's share of a batch, decided on its cached state. */
interface DecidedPool {
  readonly streamName: string;
  readonly pool: LoadedPool;
  /** The requests' places in the batch, in order. */
  readonly indexes: readonly number[];
  readonly mine: readonly PoolCommandRequest[];
  readonly decision: DecidedInOrder;
}

export interface PoolCommandHandlerOptions {
  db: Kysely<EventLogDatabase>;
  metrics: RegistryMetrics;
  /** Appends tried before a command that keeps meeting concurrent writers fails. @default 10 */
  maxAttempts?: number;
}

/**
 * The shared pool command handler (`@rollcall/pool-commands`) with what ingest adds: pool states cached
 * between messages, event ids derived from the message's cause (a redelivery appends nothing), commands on
 * one pool run one at a time in this process (replicas contend with each other, never with themselves),
 * and a batch form that decides many messages per append.
 */
export function poolCommandHandler(options: PoolCommandHandlerOptions): PoolCommandHandler {
  const { db, metrics } = options;
  const cache = poolStateCache(db);
  const perPool = serialByKey();

  /**
   * One pool's decided commands in one append on `trx`, their outcomes written into `outcomes`; returns
   * what brings the cache along once `trx` committed, or undefined when the pool is left to `handle`.
   */
  async function appendPool(
    trx: Transaction<EventLogDatabase>,
    { streamName, pool, indexes, mine, decision: decided }: DecidedPool,
    outcomes: BatchOutcome[],
  ): Promise<(() => void) | undefined> {
    const newEvents = decided.decisions.flatMap((decision, k) => {
      const request = mine[k];
      return decision.kind === 'events' && request !== undefined ? toNewEvents(decision.events, request) : [];
    });
    let result: Awaited<ReturnType<typeof append>>;
    try {
      result = await append(
        trx,
        { streamName, expectedVersion: pool.version, events: newEvents },
        { registry: poolEventRegistry },
      );
    } catch (error) {
      // Neither writes anything nor aborts the transaction; `handle` sorts them out after the commit.
      if (error instanceof ConcurrencyError || error instanceof IdempotencyConflictError) return undefined;
      throw error;
    }
    // Stored before under the same ids (a redelivery on a stale cache): `handle` answers each one.
    if (result.duplicate) return undefined;
    let offset = 0;
    const versionAt = (written: number) => pool.version + BigInt(written);
    decided.decisions.forEach((decision, k) => {
      const index = indexes[k];
      if (index === undefined) return;
      switch (decision.kind) {
        case 'refused':
          outcomes[index] = decision.error;
          return;
        case 'unchanged':
          outcomes[index] = nothingAppended(decision.after, versionAt(offset));
          return;
        case 'events': {
          const count = decision.events.length;
          outcomes[index] = {
            kind: 'appended',
            events: decision.events,
            eventIds: newEvents.slice(offset, offset + count).map((event) => event.eventId),
            positions: result.positions.slice(offset, offset + count),
            state: decision.after,
            version: versionAt(offset + count),
          };
          offset += count;
        }
      }
    });
    return () => cache.applied(streamName, decided.events, result.nextExpectedVersion);
  }

  return {
    handle(command, cause) {
      const streamName = poolStream(command.data.namespace, command.data.pool);
      return perPool.run(streamName, () =>
        handlePoolCommand(db, command, {
          cache,
          eventId: deterministicEventIds(cause.key),
          metadata: metadataOf(cause),
          onConflict: ({ type }) => metrics.appendRetries.inc({ command: type }),
          ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
        }),
      );
    },

    async appendBatch(requests, batchOptions = {}) {
      const outcomes: BatchOutcome[] = requests.map(() => undefined);
      const byPool = new Map<string, number[]>();
      requests.forEach(({ command }, index) => {
        const streamName = poolStream(command.data.namespace, command.data.pool);
        const indexes = byPool.get(streamName);
        if (indexes === undefined) byPool.set(streamName, [index]);
        else indexes.push(index);
      });
      const streams = [...byPool.keys()].sort();
      // Pools this process never loaded are read first (outside any transaction: the append checks them).
      await Promise.all(streams.filter((s) => cache.peek(s) === undefined).map((s) => cache.catchUp(s)));
      const decided = streams.flatMap((streamName) => {
        const pool = cache.peek(streamName);
        const indexes = byPool.get(streamName) ?? [];
        if (pool === undefined) return [];
        const mine = indexes.flatMap((index) => requests[index] ?? []);
        const decision = decideInOrder(
          mine.map((request) => request.command),
          pool.state,
        );
        // No append, no compare-and-set to vouch for the cached state: `handle` decides these on the log's.
        if (decision.events.length === 0) return [];
        return [{ streamName, pool, indexes, mine, decision }];
      });
      const writers = Math.max(1, batchOptions.writers ?? 4);
      const shares = Array.from({ length: Math.min(writers, decided.length) }, (_, w) =>
        decided.filter((_, i) => i % writers === w),
      );
      await Promise.all(
        shares.map(async (share) => {
          const mine: BatchOutcome[] = requests.map(() => undefined);
          const applied: (() => void)[] = [];
          try {
            await db.transaction().execute(async (trx) => {
              for (const pool of share) {
                const apply = await appendPool(trx, pool, mine);
                if (apply !== undefined) applied.push(apply);
              }
              await batchOptions.alsoWrite?.(trx, mine);
            });
          } catch {
            // Nothing of this share was written: `handle` takes each of its requests over.
            return;
          }
          for (const apply of applied) apply();
          mine.forEach((outcome, index) => {
            if (outcome !== undefined) outcomes[index] = outcome;
          });
        }),
      );
      return outcomes;
    },

    peek(namespace, pool) {
      return cache.peek(poolStream(namespace, pool))?.state;
    },
  };
}

function metadataOf(cause: CommandCause) {
  return { causationId: cause.causationId, correlationId: cause.causationId };
}

/** The events as `handle` would append them for this cause, so either path writes the same ids. */
function toNewEvents(events: readonly PoolEvent[], { command, cause }: PoolCommandRequest): NewEvent[] {
  const eventId = deterministicEventIds(cause.key);
  const runnerId = 'runnerId' in command.data ? command.data.runnerId : undefined;
  return events.map((event, index) => ({
    eventId: eventId(index),
    type: event.type,
    data: event.data,
    metadata: {
      ...metadataOf(cause),
      actor: command.metadata.actor,
      ...(runnerId === undefined ? {} : { runnerId }),
    },
  }));
}

function nothingAppended(state: PoolState, version: bigint): PoolCommandResult {
  return { kind: 'unchanged', events: [], eventIds: [], positions: [], state, version };
}
