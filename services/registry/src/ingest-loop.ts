import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { msgIdOf } from '@rollcall/bus';
import { PoolCommandError } from '@rollcall/domain';
import type { Logger } from '@rollcall/service-kit';
import { concurrencyLimit } from './concurrency-limit';
import type { RefusedRunnerMessage } from './dead-letter-runner-message';
import type { HandledOutcome } from './handle-runner-message';
import type { IngestMeta } from './ingest-meta';
import { parseRunnerMessage, type RunnerMessage } from './parse-runner-message';
import type { IngestKind, IngestOutcome, RegistryMetrics } from './registry-metrics';
import { serialByKey } from './serial-by-key';

export interface IngestLoopOptions {
  js: JetStreamClient;
  stream: string;
  /** The shared durable consumer (see ensureIngest). */
  consumer: string;
  prefix: string;
  handle(message: RunnerMessage, meta: IngestMeta): Promise<HandledOutcome>;
  deadLetter(refused: RefusedRunnerMessage): Promise<void>;
  metrics: RegistryMetrics;
  logger: Logger;
  signal: AbortSignal;
  /** Messages taken and not yet settled, across all runners. @default 256 */
  concurrency?: number;
  /** Delay before a message whose handling failed comes back, by delivery attempt; the last repeats. @default [500, 1000, 2000, 5000, 10000] */
  redeliveryDelaysMs?: readonly number[];
  /** Delay before `consume()` is restarted after a failure, by consecutive failure. @default [250, 500, 1000, 2000, 5000] */
  restartDelaysMs?: readonly number[];
}

/**
 * Consumes the runner ingest stream until `signal` aborts. Messages of one runner are handled one at a time
 * in stream order; different runners proceed concurrently (up to `concurrency`), which is what lets
 * heartbeats share a statement. Each message is acknowledged only after its effects are committed:
 * - invalid (subject or payload): dead-lettered, then acknowledged: it never comes back and never blocks;
 * - refused by the pool (a domain error): logged and acknowledged, since a retry would be refused again;
 * - failed (database or bus trouble): nak'ed with a growing delay and redelivered, to any replica.
 * Resolves after the signal aborted and every message in hand is settled.
 */
export async function runIngestLoop(options: IngestLoopOptions): Promise<void> {
  const { js, stream, consumer, signal } = options;
  const log = options.logger.child({ stream, consumer });
  const concurrency = options.concurrency ?? 256;
  const slots = concurrencyLimit(concurrency);
  const runners = serialByKey();
  const restartDelays = options.restartDelaysMs ?? [250, 500, 1000, 2000, 5000];
  let failures = 0;

  while (!signal.aborted) {
    let messages: ConsumerMessages | undefined;
    const close = () => {
      void messages?.close();
    };
    signal.addEventListener('abort', close, { once: true });
    try {
      messages = await (await js.consumers.get(stream, consumer)).consume({ max_messages: concurrency });
      if (signal.aborted) break;
      void logNotifications(messages, log);
      for await (const m of messages) {
        failures = 0;
        await slots.acquire();
        if (signal.aborted) {
          slots.release();
          m.nak(); // straight to another replica rather than after ack_wait
          break;
        }
        void settle(m, options, runners, log)
          .catch((error: unknown) => {
            // Only a bug gets here (handling failures are settled inside); the message comes back after ack_wait.
            log.error({ err: error, subject: m.subject }, 'runner message could not be settled');
          })
          .finally(() => slots.release());
      }
      if (!signal.aborted) log.warn('consume ended; restarting it');
    } catch (error) {
      if (signal.aborted) break;
      log.warn({ err: error, attempt: failures + 1 }, 'consume failed; restarting it');
    } finally {
      signal.removeEventListener('abort', close);
      await messages?.close();
    }
    const delay = restartDelays[Math.min(failures, restartDelays.length - 1)] ?? 1000;
    await sleep(delay, undefined, { signal }).catch(() => {});
    failures += 1;
  }
  await runners.settled();
}

async function settle(
  m: JsMsg,
  options: IngestLoopOptions,
  runners: ReturnType<typeof serialByKey>,
  log: Logger,
): Promise<void> {
  const started = performance.now();
  const meta = metaOf(m);
  const parsed = parseRunnerMessage(options.prefix, m.subject, m.data);
  const kind: IngestKind = parsed.ok ? parsed.message.kind : (parsed.kind ?? 'unknown');
  let outcome: IngestOutcome;
  if (parsed.ok) {
    const { message } = parsed;
    outcome = await runners.run(`${message.namespace}/${message.payload.runnerId}`, () =>
      handleValid(m, message, meta, options, log),
    );
  } else {
    outcome = await deadLetter(m, meta, { kind, error: parsed.error, issues: parsed.issues }, options, log);
  }
  options.metrics.ingestMessages.inc({ kind, outcome });
  options.metrics.handlerSeconds.observe({ kind }, (performance.now() - started) / 1000);
}

async function handleValid(
  m: JsMsg,
  message: RunnerMessage,
  meta: IngestMeta,
  options: IngestLoopOptions,
  log: Logger,
): Promise<IngestOutcome> {
  try {
    const outcome = await options.handle(message, meta);
    m.ack();
    return outcome;
  } catch (error) {
    const context = {
      err: error,
      subject: meta.subject,
      msgId: meta.msgId,
      runnerId: message.payload.runnerId,
      deliveryCount: meta.deliveryCount,
    };
    if (error instanceof PoolCommandError) {
      log.warn(context, 'runner message refused by its pool; acknowledged');
      m.ack();
      return 'refused';
    }
    const retryInMs = redeliveryDelay(options, meta.deliveryCount);
    log.warn({ ...context, retryInMs }, 'runner message failed; it will be redelivered');
    m.nak(retryInMs);
    return 'failed';
  }
}

async function deadLetter(
  m: JsMsg,
  meta: IngestMeta,
  refusal: { kind: IngestKind; error: string; issues: RefusedRunnerMessage['issues'] },
  options: IngestLoopOptions,
  log: Logger,
): Promise<IngestOutcome> {
  try {
    await options.deadLetter({ subject: m.subject, data: m.data, msgId: meta.msgId, ...refusal });
    m.ack();
    return 'invalid';
  } catch (error) {
    // Not recorded means not handled: it comes back rather than being lost.
    const retryInMs = redeliveryDelay(options, meta.deliveryCount);
    log.error({ err: error, subject: meta.subject, retryInMs }, 'could not dead-letter an invalid message');
    m.nak(retryInMs);
    return 'failed';
  }
}

function redeliveryDelay(options: IngestLoopOptions, deliveryCount: number): number {
  const delays = options.redeliveryDelaysMs ?? [500, 1000, 2000, 5000, 10_000];
  return delays[Math.min(deliveryCount, delays.length) - 1] ?? 0;
}

function metaOf(m: JsMsg): IngestMeta {
  return {
    subject: m.subject,
    msgId: msgIdOf(m.headers),
    stream: m.info.stream,
    streamSequence: m.seq,
    storedAt: m.time,
    storedAtNanos: m.timestampNanos,
    deliveryCount: m.info.deliveryCount,
  };
}

async function logNotifications(messages: ConsumerMessages, log: Logger): Promise<void> {
  for await (const notification of messages.status()) {
    switch (notification.type) {
      case 'heartbeats_missed':
        log.warn({ count: notification.count }, 'JetStream heartbeats missed');
        break;
      case 'consumer_not_found':
      case 'stream_not_found':
      case 'consumer_deleted':
        log.error({ notification }, 'ingest consumer unavailable; waiting for it to come back');
        break;
      default:
        break;
    }
  }
}
