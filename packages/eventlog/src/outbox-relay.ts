import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { EventFilter } from './event-filter';
import type { Wake } from './notifications';
import type { RecordedEvent } from './recorded-event';
import type { RetryBackoff } from './retry-backoff';
import { runSubscription } from './run-subscription';
import type { EventLogDatabase } from './tables';

export interface OutgoingMessage {
  subject: string;
  /** Serialised by `publish` (JSON). */
  payload: unknown;
  /**
   * De-duplication id (`Nats-Msg-Id`), derived from the event so that a re-delivery after a crash carries the
   * same id: the event id, or `${eventId}:${index}` when one event yields several messages.
   */
  msgId: string;
  headers?: Readonly<Record<string, string>>;
}

export interface OutboxRelayOptions {
  db: Kysely<EventLogDatabase>;
  connectionString: string;
  /** The subscription name: its checkpoint, lock and dead-letter source (`subscription:<name>`). */
  name: string;
  /** The messages an event causes, in order; none for events that cause nothing. */
  route: (event: RecordedEvent) => readonly OutgoingMessage[];
  /**
   * Sends one message and resolves once the broker accepted it (e.g. a JetStream publish ack), or, with
   * `flush`, once it is handed to the client.
   */
  publish: (message: OutgoingMessage) => Promise<void> | void;
  /**
   * Confirms every message published so far in the batch (e.g. a core NATS flush), before the checkpoint
   * moves: one round trip a batch instead of one a message.
   */
  flush?: () => Promise<void>;
  signal: AbortSignal;
  logger: Logger;
  /** Only these events are routed; the others are skipped without a handler call. */
  filter?: EventFilter;
  /** @default 100 */
  batchSize?: number;
  /** @default 10 */
  maxAttempts?: number;
  /** @default { initialMs: 500, maxMs: 30000, factor: 2 } */
  retryBackoff?: RetryBackoff;
  metrics?: Registry;
  wake?: Wake;
  lockRetryMs?: number;
}

/**
 * The transactional outbox's sending half: effects decided in the log (drain, stop, ...) go out from it, at
 * least once, in log order. A crash between publishing and storing the checkpoint re-sends the batch with the
 * same message ids, which the broker's de-duplication window (or the receiver) drops. A message that cannot be
 * routed or published after all attempts is parked in `dead_letters` rather than blocking the rest, so the
 * defaults retry for longer than a plain subscription does (a broker restart should not park anything).
 * Resolves once `signal` aborted and the in-flight batch is done.
 */
export function startOutboxRelay(options: OutboxRelayOptions): Promise<void> {
  const { route, publish, flush } = options;
  return runSubscription({
    db: options.db,
    connectionString: options.connectionString,
    name: options.name,
    signal: options.signal,
    logger: options.logger,
    mode: 'at-least-once',
    maxAttempts: options.maxAttempts ?? 10,
    retryBackoff: options.retryBackoff ?? { initialMs: 500, maxMs: 30_000, factor: 2 },
    ...(options.filter === undefined ? {} : { filter: options.filter }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...(options.wake === undefined ? {} : { wake: options.wake }),
    ...(options.lockRetryMs === undefined ? {} : { lockRetryMs: options.lockRetryMs }),
    handler: async (events) => {
      for (const event of events) {
        for (const message of route(event)) await publish(message);
      }
      await flush?.();
    },
  });
}
