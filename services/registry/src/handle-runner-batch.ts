import { PoolCommandError } from '@rollcall/domain';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { type LivenessBeat, recordLiveness } from '@rollcall/projections';
import type { Logger } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import { messageCause } from './command-cause';
import type { IngestMeta } from './ingest-meta';
import { recordHeartbeats } from './liveness/record-heartbeats';
import { runnerKey, runnerPools } from './liveness/runner-pools';
import { mayBeTransition } from './may-be-transition';
import type { RunnerMessage } from './parse-runner-message';
import type { BatchOutcome, PoolCommandHandler, PoolCommandRequest } from './pool-command-handler';
import { runnerActor } from './runner-actor';
import { type HandledOutcome, settleCommandResult } from './settle-command-result';

export interface IngestItem {
  readonly message: RunnerMessage;
  readonly meta: IngestMeta;
}

/** How one message of a batch ended; the ingest loop acknowledges or redelivers it accordingly. */
export type MessageOutcome =
  | { readonly kind: 'handled'; readonly outcome: HandledOutcome }
  /** The pool refused its command (a domain error): a retry would be refused again. */
  | { readonly kind: 'refused'; readonly error: PoolCommandError }
  /** Database or bus trouble: it must come back. */
  | { readonly kind: 'failed'; readonly error: unknown };

export interface RunnerBatchHandlerOptions {
  db: Kysely<EventLogDatabase>;
  commands: PoolCommandHandler;
  /** One message at a time (`runnerMessageHandler`), for a batch that could not be written together. */
  single: (message: RunnerMessage, meta: IngestMeta) => Promise<HandledOutcome>;
  clock: () => Date;
  logger: Logger;
  /** Transactions a batch's appends are shared among. @default 4 */
  writers?: number;
}

/** A batch's pool command, and the message it came from. */
interface Planned {
  readonly request: PoolCommandRequest;
  readonly item: number;
}

/** A batch after `prepare`, for `commit`. */
export interface PreparedBatch {
  readonly items: readonly IngestItem[];
  /** Each message's pool command; null: the messages go one at a time. */
  readonly planned: readonly Planned[] | null;
  /** Outcomes already known (heartbeats that are no transition, unknown runners). */
  readonly outcomes: readonly (MessageOutcome | undefined)[];
}

/**
 * Handles a batch of valid runner messages of distinct runners in two steps, so the ingest loop can prepare
 * a batch while the previous one commits. `prepare` does what only concerns the batch's own runners: every
 * heartbeat in one statement and every disconnect's pool in one lookup. `commit` decides every pool's
 * commands in order and appends them in one append per pool, in a few concurrent transactions that also
 * write their connects' liveness rows; it must run one batch at a time, in order (it reads and moves the
 * cached pool states). Commands a batch could not settle (a concurrent writer, a redelivery, a decision only
 * the log can confirm, a failed transaction) go through the pool command handler one by one after the
 * commit; when `prepare`'s statements fail, every message goes the one-at-a-time way. A single message goes
 * that way directly: fewer round trips before its event is visible.
 */
export interface RunnerBatchHandler {
  prepare(items: readonly IngestItem[]): Promise<PreparedBatch>;
  /** Resolves once everything is committed, with each message's outcome, in order. */
  commit(prepared: PreparedBatch): Promise<MessageOutcome[]>;
}

export function runnerBatchHandler(options: RunnerBatchHandlerOptions): RunnerBatchHandler {
  const { db, commands, clock, logger } = options;

  const one = async ({ message, meta }: IngestItem): Promise<MessageOutcome> => {
    try {
      return { kind: 'handled', outcome: await options.single(message, meta) };
    } catch (error) {
      return error instanceof PoolCommandError ? { kind: 'refused', error } : { kind: 'failed', error };
    }
  };

  return {
    async prepare(items) {
      const outcomes: (MessageOutcome | undefined)[] = items.map(() => undefined);
      if (items.length === 1) return { items, planned: null, outcomes };
      try {
        return { items, planned: await plan(items, outcomes), outcomes };
      } catch (error) {
        logger.warn(
          { err: error, messages: items.length },
          'a batch of runner messages could not be planned together; handling them one at a time',
        );
        return { items, planned: null, outcomes: items.map(() => undefined) };
      }
    },

    async commit({ items, planned, outcomes: known }) {
      if (planned === null) return Promise.all(items.map(one));
      const outcomes = [...known];
      const appended = await commands.appendBatch(
        planned.map((p) => p.request),
        {
          ...(options.writers === undefined ? {} : { writers: options.writers }),
          alsoWrite: (trx, share) => recordConnects(trx, items, planned, share),
        },
      );

      // The ones the batch could not settle, through the handler (one at a time per pool, in order).
      const retried = planned.filter((_, index) => appended[index] === undefined);
      const results = await Promise.all(
        retried.map(async ({ request }) => {
          try {
            return await commands.handle(request.command, request.cause);
          } catch (error) {
            return error instanceof Error ? error : new Error(String(error), { cause: error });
          }
        }),
      );
      let connectsFailed: unknown;
      try {
        await recordConnects(db, items, retried, results);
      } catch (error) {
        connectsFailed = error;
      }
      const settledOutcome = (p: Planned, result: BatchOutcome | Error, retry: boolean): MessageOutcome => {
        if (result === undefined) return { kind: 'failed', error: new Error('no outcome') };
        if (result instanceof PoolCommandError) return { kind: 'refused', error: result };
        if (result instanceof Error) return { kind: 'failed', error: result };
        const item = items[p.item];
        // Its event is in, its liveness row is not: it must come back (and will append nothing then).
        if (retry && connectsFailed !== undefined && item?.message.kind === 'connected') {
          return { kind: 'failed', error: connectsFailed };
        }
        const runnerId = item?.message.payload.runnerId ?? '';
        return {
          kind: 'handled',
          outcome: settleCommandResult(result, p.request.cause, logger, runnerId),
        };
      };
      planned.forEach((p, index) => {
        const result = appended[index];
        if (result !== undefined) outcomes[p.item] = settledOutcome(p, result, false);
      });
      retried.forEach((p, index) => {
        outcomes[p.item] = settledOutcome(p, results[index], true);
      });
      return outcomes.map((outcome) => outcome ?? { kind: 'failed', error: new Error('no outcome') });
    },
  };

  /**
   * Heartbeats and disconnects first (one statement each), then each message's pool command in message
   * order. Messages that need no command get their outcome here.
   */
  async function plan(
    batch: readonly IngestItem[],
    outcomes: (MessageOutcome | undefined)[],
  ): Promise<Planned[]> {
    const heartbeats = batch.flatMap(({ message, meta }) =>
      message.kind === 'heartbeat'
        ? [
            {
              namespace: message.namespace,
              runnerId: message.payload.runnerId,
              activeSessions: message.payload.activeSessions,
              at: meta.storedAt,
            },
          ]
        : [],
    );
    const disconnects = batch.flatMap(({ message }) =>
      message.kind === 'disconnected'
        ? [{ namespace: message.namespace, runnerId: message.payload.runnerId }]
        : [],
    );
    const [beats, pools] = await Promise.all([
      recordHeartbeats(db, heartbeats),
      runnerPools(db, disconnects),
    ]);
    const recorded = new Map(beats.map((row) => [runnerKey(row.namespace, row.runnerId), row]));
    const now = clock();
    const planned: Planned[] = [];
    batch.forEach(({ message, meta }, item) => {
      const { namespace } = message;
      const { runnerId } = message.payload;
      const metadata = { now, actor: runnerActor(runnerId) };
      const cause = messageCause(meta);
      const key = runnerKey(namespace, runnerId);
      switch (message.kind) {
        case 'connected': {
          const { pool, version, build, serverId, slots, labels } = message.payload;
          const data = { namespace, pool, runnerId, version, build, serverId, slots, labels };
          planned.push({ item, request: { command: { type: 'ConnectRunner', data, metadata }, cause } });
          return;
        }
        case 'heartbeat': {
          const { activeSessions } = message.payload;
          const row = recorded.get(key);
          if (row === undefined) {
            logger.debug({ namespace, runnerId }, 'heartbeat from a runner never seen connecting; ignored');
            outcomes[item] = { kind: 'handled', outcome: 'unknown_runner' };
            return;
          }
          if (!row.applied || !mayBeTransition(row, activeSessions, commands)) {
            outcomes[item] = { kind: 'handled', outcome: 'unchanged' };
            return;
          }
          const data = { namespace, pool: row.pool, runnerId, activeSessions };
          planned.push({ item, request: { command: { type: 'RecordActivity', data, metadata }, cause } });
          return;
        }
        case 'disconnected': {
          const pool = pools.get(key);
          if (pool === undefined) {
            logger.debug({ namespace, runnerId }, 'disconnect from a runner never seen connecting; ignored');
            outcomes[item] = { kind: 'handled', outcome: 'unknown_runner' };
            return;
          }
          const data = { namespace, pool, runnerId, reason: message.payload.reason };
          planned.push({ item, request: { command: { type: 'DisconnectRunner', data, metadata }, cause } });
          return;
        }
      }
    });
    return planned;
  }
}

/**
 * A (re)connect starts the runner's liveness afresh (no sessions, seen when the stream stored the message):
 * one statement for every connect that registered (or was registered before); none for a refused one.
 */
async function recordConnects(
  db: Kysely<EventLogDatabase>,
  batch: readonly IngestItem[],
  planned: readonly Planned[],
  results: readonly (BatchOutcome | Error)[],
): Promise<void> {
  const beats: LivenessBeat[] = [];
  planned.forEach((p, index) => {
    const result = results[index];
    const item = batch[p.item];
    if (result === undefined || result instanceof Error || item?.message.kind !== 'connected') return;
    const { namespace, payload } = item.message;
    beats.push({
      namespace,
      runnerId: payload.runnerId,
      pool: payload.pool,
      activeSessions: 0,
      seenAt: item.meta.storedAt,
    });
  });
  await recordLiveness(db, beats);
}
