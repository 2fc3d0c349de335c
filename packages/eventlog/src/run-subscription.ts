import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { readCheckpoint, storeCheckpoint } from './checkpoints';
import { recordDeadLetter } from './dead-letters';
import type { EventFilter } from './event-filter';
import { type EventRegistry, upcastToCurrent } from './event-registry';
import { leadWithRestarts } from './lead-with-restarts';
import { listenForAppends, type Wake } from './notifications';
import type { RecordedEvent } from './recorded-event';
import { backoffOf, type RetryBackoff } from './retry-backoff';
import { sleep } from './sleep';
import { subscribe } from './subscribe';
import { type SubscriptionMetrics, subscriptionMetrics } from './subscription-metrics';
import type { EventLogDatabase } from './tables';

/** Runs in the transaction that stores the checkpoint: its Postgres writes happen exactly once. */
export type TransactionalHandler = (
  trx: Transaction<EventLogDatabase>,
  events: readonly RecordedEvent[],
) => Promise<void>;

/** Runs before the checkpoint is stored: after a crash the batch is delivered again. */
export type AtLeastOnceHandler = (events: readonly RecordedEvent[]) => Promise<void>;

export type SubscriptionHandling =
  | { mode: 'transactional'; handler: TransactionalHandler }
  | { mode: 'at-least-once'; handler: AtLeastOnceHandler };

export interface SubscriptionOptions {
  db: Kysely<EventLogDatabase>;
  /** For the dedicated connections the pool cannot provide: the lock session, and LISTEN when no `wake` is given. */
  connectionString: string;
  /** Names the checkpoint (`checkpoints.consumer`), the lock and the dead-letter source `subscription:<name>`. */
  name: string;
  /** Most events per handler call. @default 100 */
  batchSize?: number;
  /** Attempts at one batch (and then at each of its events) before the failing event is parked. @default 5 */
  maxAttempts?: number;
  retryBackoff?: RetryBackoff;
  filter?: EventFilter;
  /** Events reach the handler upcast and parsed; one that fails to is parked like a failing event. */
  registry?: EventRegistry;
  /** Stops the subscription after its in-flight batch. */
  signal: AbortSignal;
  logger: Logger;
  /** Where to register the subscription metrics. */
  metrics?: Registry;
  /** A shared append listener; without one the subscription listens on its own connection while it leads. */
  wake?: Wake;
  /** How often a standby asks for the lock, in ms. @default 5000 */
  lockRetryMs?: number;
  /** Idle polling, see `subscribe`. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
}

export type RunSubscriptionOptions = SubscriptionOptions & SubscriptionHandling;

/**
 * A named, checkpointed consumer of the whole log (or of a filtered part of it). One instance per name leads
 * across replicas (a session-level advisory lock); the others stand by and take over when the leader's
 * session goes away. A failing batch is retried with backoff without losing its place; when it keeps
 * failing, its events are retried one by one and the one that still fails is parked in `dead_letters` so the
 * rest go on. Resolves once `signal` aborted and the in-flight batch is done.
 */
export async function runSubscription(options: RunSubscriptionOptions): Promise<void> {
  const { name, signal } = options;
  const logger = options.logger.child({ subscription: name });
  const metrics = options.metrics === undefined ? undefined : subscriptionMetrics(options.metrics, name);
  const backoff = backoffOf(options.retryBackoff);
  // A failure here is not a handler's (those are retried and parked below) but the database's or the lock's.
  await leadWithRestarts(
    {
      connectionString: options.connectionString,
      name: `rollcall:sub:${name}`,
      signal,
      logger,
      ...(options.lockRetryMs === undefined ? {} : { retryMs: options.lockRetryMs }),
    },
    {
      failureMessage: 'subscription failed; restarting',
      ...(options.retryBackoff === undefined ? {} : { retryBackoff: options.retryBackoff }),
    },
    (held, markProgress) => createLeader(options, logger, metrics, backoff, markProgress)(held),
  );
}

type Outcome = 'done' | 'stopped' | 'moved';
type Attempt = { kind: Outcome } | { kind: 'failed'; error: unknown };

/** Wraps what the handler threw, so that it tells apart from failures of the database itself. */
class HandlerFailedError extends Error {
  override readonly name = 'HandlerFailedError';
}

/** Thrown inside a transaction to roll it back when the checkpoint was not where this instance left it. */
class CheckpointMovedError extends Error {
  override readonly name = 'CheckpointMovedError';
}

function createLeader(
  options: RunSubscriptionOptions,
  logger: Logger,
  metrics: SubscriptionMetrics | undefined,
  backoff: (attempt: number) => number,
  markProgress: () => void,
) {
  const { db, name: consumer } = options;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);

  /** Follows the log from the stored checkpoint, again after every time someone else moved it. */
  async function lead(held: AbortSignal): Promise<void> {
    const stopListening = new AbortController();
    const listener =
      options.wake === undefined
        ? listenForAppends({
            connectionString: options.connectionString,
            signal: AbortSignal.any([held, stopListening.signal]),
            logger,
            applicationName: `rollcall-listen:${consumer}`,
          })
        : undefined;
    try {
      while (!held.aborted) {
        const checkpoint = await readCheckpoint(db, consumer);
        logger.info({ checkpoint: checkpoint?.toString() ?? null }, 'leading from checkpoint');
        if ((await follow(held, checkpoint, options.wake ?? listener)) === 'stopped') return;
        logger.warn('checkpoint moved elsewhere (a replay or another instance); resuming from it');
      }
    } finally {
      stopListening.abort();
      await listener?.closed;
    }
  }

  async function follow(
    held: AbortSignal,
    checkpoint: bigint | null,
    wake: Wake | undefined,
  ): Promise<Outcome> {
    let expected = checkpoint;
    for await (const page of subscribe(db, {
      after: checkpoint ?? 0n,
      signal: held,
      ...(wake === undefined ? {} : { wake }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.filter === undefined ? {} : { filter: options.filter }),
      ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
      ...(options.maxPollIntervalMs === undefined ? {} : { maxPollIntervalMs: options.maxPollIntervalMs }),
    })) {
      if (page.kind === 'caught-up') {
        // While idle, notice an operator replay (resetCheckpoint) without waiting for the next event.
        if ((await readCheckpoint(db, consumer)) !== expected) return 'moved';
        continue;
      }
      const outcome = await handlePage(held, page.events, expected, page.lastPosition);
      if (outcome !== 'done') return outcome;
      expected = page.lastPosition;
      markProgress();
      metrics?.passed(page.events.length);
      metrics?.position(expected);
    }
    return 'stopped';
  }

  async function handlePage(
    held: AbortSignal,
    events: readonly RecordedEvent[],
    expected: bigint | null,
    lastPosition: bigint,
  ): Promise<Outcome> {
    const whole = await attempt(held, events, expected, lastPosition);
    if (whole.kind !== 'failed') return whole.kind;

    if (events.length > 1)
      logger.warn({ events: events.length }, 'batch keeps failing; trying its events one by one');
    let at = expected;
    for (const event of events) {
      const single = events.length === 1 ? whole : await attempt(held, [event], at, event.globalPosition);
      const outcome = single.kind === 'failed' ? await park(event, single.error, at) : single.kind;
      if (outcome !== 'done') return outcome;
      at = event.globalPosition;
    }
    // With a filter the page may end beyond its last event.
    return at === lastPosition ? 'done' : deliver([], at, lastPosition);
  }

  /** Up to `maxAttempts` deliveries of `events`, with backoff between them. */
  async function attempt(
    held: AbortSignal,
    events: readonly RecordedEvent[],
    expected: bigint | null,
    position: bigint,
  ): Promise<Attempt> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      try {
        return { kind: await deliver(events, expected, position) };
      } catch (error) {
        if (!(error instanceof HandlerFailedError)) throw error;
        lastError = error.cause;
        metrics?.failed();
        logger.warn(
          { err: error.cause, attempt, from: events[0]?.globalPosition.toString(), to: position.toString() },
          'handler failed',
        );
      }
      if (attempt < maxAttempts) {
        await sleep(backoff(attempt), held);
        if (held.aborted) return { kind: 'stopped' };
      }
    }
    return { kind: 'failed', error: lastError };
  }

  /** Handles `events` and moves the checkpoint from `expected` to `position`, in the order the mode asks for. */
  async function deliver(
    events: readonly RecordedEvent[],
    expected: bigint | null,
    position: bigint,
  ): Promise<'done' | 'moved'> {
    try {
      if (options.mode === 'transactional') {
        const { handler } = options;
        await db.transaction().execute(async (trx) => {
          if (events.length > 0) await handlerStep(async () => handler(trx, upcast(events)));
          await moveCheckpoint(trx, expected, position);
        });
      } else {
        const { handler } = options;
        if (events.length > 0) await handlerStep(async () => handler(upcast(events)));
        await db.transaction().execute((trx) => moveCheckpoint(trx, expected, position));
      }
      return 'done';
    } catch (error) {
      if (error instanceof CheckpointMovedError) return 'moved';
      throw error;
    }
  }

  async function moveCheckpoint(
    trx: Transaction<EventLogDatabase>,
    expected: bigint | null,
    position: bigint,
  ): Promise<void> {
    const stored = await storeCheckpoint(trx, { consumer, expected, position });
    if (stored !== 'stored') {
      throw new CheckpointMovedError(`checkpoint of ${consumer} was not at ${expected} (${stored})`);
    }
  }

  /**
   * Upcasting happens here rather than in the reader so that an event the registry cannot lift fails like a
   * handler does and gets parked, instead of failing every read of the page it sits in.
   */
  function upcast(events: readonly RecordedEvent[]): readonly RecordedEvent[] {
    const { registry } = options;
    if (registry === undefined) return events;
    return events.map((event) => ({
      ...event,
      ...upcastToCurrent(registry, event.type, event.schemaVersion, event.data),
    }));
  }

  /** Dead-letters the event and steps the checkpoint over it, atomically. */
  async function park(event: RecordedEvent, error: unknown, expected: bigint | null): Promise<Outcome> {
    try {
      await db.transaction().execute(async (trx) => {
        await recordDeadLetter(trx, {
          source: `subscription:${consumer}`,
          key: event.eventId,
          payload: JSON.stringify(event, (_key, value) =>
            typeof value === 'bigint' ? value.toString() : value,
          ),
          error: error instanceof Error ? error.message : String(error),
        });
        await moveCheckpoint(trx, expected, event.globalPosition);
      });
    } catch (failure) {
      if (failure instanceof CheckpointMovedError) return 'moved';
      throw failure;
    }
    metrics?.parked();
    logger.error(
      {
        err: error,
        eventId: event.eventId,
        type: event.type,
        streamName: event.streamName,
        globalPosition: event.globalPosition.toString(),
        attempts: maxAttempts,
      },
      'event parked in dead_letters; moving past it',
    );
    return 'done';
  }

  return lead;
}

async function handlerStep(step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    throw new HandlerFailedError('subscription handler failed', { cause: error });
  }
}
