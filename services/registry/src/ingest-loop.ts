import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { logConsumerStatus, msgIdOf } from '@rollcall/bus';
import type { Logger } from '@rollcall/service-kit';
import { type BatchQueue, batchQueue } from './batch-queue';
import { concurrencyLimit } from './concurrency-limit';
import type { RefusedRunnerMessage } from './dead-letter-runner-message';
import type { IngestItem, MessageOutcome, PreparedBatch, RunnerBatchHandler } from './handle-runner-batch';
import type { IngestMeta } from './ingest-meta';
import { type ParsedRunnerMessage, parseRunnerMessage } from './parse-runner-message';
import type { IngestKind, IngestOutcome, RegistryMetrics } from './registry-metrics';
import { splitIntoWaves } from './split-into-waves';

export interface IngestLoopOptions {
  js: JetStreamClient;
  stream: string;
  /** The shared durable consumer (see ensureIngest). */
  consumer: string;
  prefix: string;
  /** Handles valid messages of distinct runners together (prepare, then commit; see runnerBatchHandler). */
  handler: RunnerBatchHandler;
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
  readonly meta: IngestMeta;
  readonly parsed: ParsedRunnerMessage;
  /** `<namespace>/<runnerId>`, or the stream sequence of an invalid message (it has no runner to wait for). */
  readonly key: string;
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
        queue.push(taken(m, options.prefix));
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

/**
 * Takes batches off the queue until it is closed and empty. Commits run one at a time, in order; while one
 * commits, the next batch is taken and prepared, leaving queued the messages of runners still committing so
 * that each runner's messages stay in order.
 */
async function handleQueue(
  queue: BatchQueue<Taken>,
  maxBatch: number,
  options: IngestLoopOptions,
  log: Logger,
  release: () => void,
): Promise<void> {
  let committing: { keys: ReadonlySet<string>; done: Promise<void> } | undefined;
  const commitInTurn = (wave: readonly (IngestItem & Taken)[], prepared: Promise<PreparedBatch>) => {
    const previous = committing?.done ?? Promise.resolve();
    const done = (async () => {
      try {
        const ready = await prepared;
        await previous;
        const outcomes = await options.handler.commit(ready);
        wave.forEach((item, index) => {
          count(options, item.message.kind, settle(item, outcomes[index], options, log), item.taken);
        });
      } catch (error) {
        // Only a bug gets here (handling failures are settled inside); the messages come back after ack_wait.
        log.error({ err: error, messages: wave.length }, 'runner messages could not be settled');
      } finally {
        for (let i = 0; i < wave.length; i++) release();
      }
    })();
    committing = { keys: new Set(wave.map((item) => item.key)), done };
    return done;
  };
  for (;;) {
    const busy = committing?.keys;
    const batch = await queue.take(maxBatch, busy === undefined ? undefined : (item) => !busy.has(item.key));
    if (batch === null) break;
    if (batch.length === 0) {
      // Everything waiting belongs to runners still committing.
      await committing?.done;
      committing = undefined;
      continue;
    }
    const valid: (IngestItem & Taken)[] = [];
    for (const item of batch) {
      if (item.parsed.ok) valid.push({ ...item, message: item.parsed.message });
      else
        void deadLetterTaken(item, item.parsed, options, log)
          .catch((error: unknown) => log.error({ err: error }, 'an invalid message could not be settled'))
          .finally(release);
    }
    const inFlight = committing;
    for (const [index, wave] of splitIntoWaves(valid, (item) => item.key).entries()) {
      // A later wave holds the same runners as the one before it: it waits for that one's commit.
      if (index > 0) await committing?.done;
      void commitInTurn(wave, options.handler.prepare(wave));
    }
    // One commit in flight at most while the next batch is taken, so only its runners need leaving queued.
    await inFlight?.done;
  }
  await committing?.done;
}

function taken(m: JsMsg, prefix: string): Taken {
  const parsed = parseRunnerMessage(prefix, m.subject, m.data);
  return {
    m,
    taken: performance.now(),
    meta: metaOf(m),
    parsed,
    key: parsed.ok ? `${parsed.message.namespace}/${parsed.message.payload.runnerId}` : `invalid:${m.seq}`,
  };
}

async function deadLetterTaken(
  item: Taken,
  parsed: Extract<ParsedRunnerMessage, { ok: false }>,
  options: IngestLoopOptions,
  log: Logger,
): Promise<void> {
  const kind: IngestKind = parsed.kind ?? 'unknown';
  const outcome = await deadLetter(
    item.m,
    item.meta,
    { kind, error: parsed.error, issues: parsed.issues },
    options,
    log,
  );
  count(options, kind, outcome, item.taken);
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
