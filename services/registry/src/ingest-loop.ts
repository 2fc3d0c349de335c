import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { logConsumerStatus, msgIdOf } from '@rollcall/bus';
import type { Logger } from '@rollcall/service-kit';
import { type BatchQueue, batchQueue } from './batch-queue';
import { concurrencyLimit } from './concurrency-limit';
import type { RefusedRunnerMessage } from './dead-letter-runner-message';
import type { IngestItem, MessageOutcome } from './handle-runner-batch';
import type { IngestMeta } from './ingest-meta';
import { parseRunnerMessage } from './parse-runner-message';
import type { IngestKind, IngestOutcome, RegistryMetrics } from './registry-metrics';
import { splitIntoWaves } from './split-into-waves';

export interface IngestLoopOptions {
  js: JetStreamClient;
  stream: string;
  /** The shared durable consumer (see ensureIngest). */
  consumer: string;
  prefix: string;
  /** Handles valid messages of distinct runners together; resolves once their effects are committed. */
  handleBatch(items: readonly IngestItem[]): Promise<MessageOutcome[]>;
  deadLetter(refused: RefusedRunnerMessage): Promise<void>;
  metrics: RegistryMetrics;
  logger: Logger;
  signal: AbortSignal;
  /** Messages taken and not yet settled. @default 16384 */
  concurrency?: number;
  /** Most messages handled together. @default 8192 */
  maxBatch?: number;
  /** Delay before a message whose handling failed comes back, by delivery attempt; the last repeats. @default [500, 1000, 2000, 5000, 10000] */
  redeliveryDelaysMs?: readonly number[];
  /** Delay before `consume()` is restarted after a failure, by consecutive failure. @default [250, 500, 1000, 2000, 5000] */
  restartDelaysMs?: readonly number[];
}

interface Taken {
  readonly m: JsMsg;
  readonly taken: number;
}

/**
 * Consumes the runner ingest stream until `signal` aborts. Messages are handled in batches: whatever arrived
 * while the previous batch was being written (up to `maxBatch`), so a busy registry writes many messages per
 * transaction and an idle one handles each message as it comes. A runner's messages stay in stream order: a
 * batch is split into waves that never hold two messages of one runner, run one after another. Each message
 * is acknowledged only after its effects are committed:
 * - invalid (subject or payload): dead-lettered, then acknowledged: it never comes back and never blocks;
 * - refused by the pool (a domain error): logged and acknowledged, since a retry would be refused again;
 * - failed (database or bus trouble): nak'ed with a growing delay and redelivered, to any replica.
 * Resolves after the signal aborted and every message in hand is settled (those not started are nak'ed).
 */
export async function runIngestLoop(options: IngestLoopOptions): Promise<void> {
  const { js, stream, consumer, signal } = options;
  const log = options.logger.child({ stream, consumer });
  const concurrency = options.concurrency ?? 16_384;
  const maxBatch = Math.min(options.maxBatch ?? 8192, concurrency);
  const inHand = concurrencyLimit(concurrency);
  const queue = batchQueue<Taken>();
  const handling = handleQueue(queue, maxBatch, options, log, () => inHand.release());
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
      void logConsumerStatus(messages, log);
      for await (const m of messages) {
        failures = 0;
        await inHand.acquire();
        if (signal.aborted) {
          inHand.release();
          m.nak(); // straight to another replica rather than after ack_wait
          break;
        }
        queue.push({ m, taken: performance.now() });
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
  for (const { m } of queue.close()) {
    m.nak();
    inHand.release();
  }
  await handling;
}

/** Takes batches off the queue, one at a time, until it is closed and empty. */
async function handleQueue(
  queue: BatchQueue<Taken>,
  maxBatch: number,
  options: IngestLoopOptions,
  log: Logger,
  release: () => void,
): Promise<void> {
  for (;;) {
    const batch = await queue.take(maxBatch);
    if (batch === null) return;
    try {
      await handleBatch(batch, options, log);
    } catch (error) {
      // Only a bug gets here (handling failures are settled inside); the messages come back after ack_wait.
      log.error({ err: error, messages: batch.length }, 'runner messages could not be settled');
    } finally {
      for (let i = 0; i < batch.length; i++) release();
    }
  }
}

async function handleBatch(batch: readonly Taken[], options: IngestLoopOptions, log: Logger): Promise<void> {
  const valid: (IngestItem & Taken)[] = [];
  const invalid: Promise<void>[] = [];
  for (const taken of batch) {
    const meta = metaOf(taken.m);
    const parsed = parseRunnerMessage(options.prefix, taken.m.subject, taken.m.data);
    if (parsed.ok) {
      valid.push({ ...taken, message: parsed.message, meta });
      continue;
    }
    const kind: IngestKind = parsed.kind ?? 'unknown';
    invalid.push(
      deadLetter(taken.m, meta, { kind, error: parsed.error, issues: parsed.issues }, options, log).then(
        (outcome) => count(options, kind, outcome, taken.taken),
      ),
    );
  }
  const waves = splitIntoWaves(valid, (item) => `${item.message.namespace}/${item.message.payload.runnerId}`);
  for (const wave of waves) {
    const outcomes = await options.handleBatch(wave);
    wave.forEach((item, index) => {
      const outcome = settle(item, outcomes[index], options, log);
      count(options, item.message.kind, outcome, item.taken);
    });
  }
  await Promise.all(invalid);
}

function settle(
  { m, meta, message }: IngestItem & Taken,
  outcome: MessageOutcome | undefined,
  options: IngestLoopOptions,
  log: Logger,
): IngestOutcome {
  if (outcome?.kind === 'handled') {
    m.ack();
    return outcome.outcome;
  }
  const error = outcome?.error ?? new Error('no outcome for this message');
  const context = {
    err: error,
    subject: meta.subject,
    msgId: meta.msgId,
    runnerId: message.payload.runnerId,
    deliveryCount: meta.deliveryCount,
  };
  if (outcome?.kind === 'refused') {
    log.warn(context, 'runner message refused by its pool; acknowledged');
    m.ack();
    return 'refused';
  }
  const retryInMs = redeliveryDelay(options, meta.deliveryCount);
  log.warn({ ...context, retryInMs }, 'runner message failed; it will be redelivered');
  m.nak(retryInMs);
  return 'failed';
}

function count(options: IngestLoopOptions, kind: IngestKind, outcome: IngestOutcome, taken: number): void {
  options.metrics.ingestMessages.inc({ kind, outcome });
  options.metrics.handlerSeconds.observe({ kind }, (performance.now() - taken) / 1000);
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
