import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { backoff, type MsgHdrs } from '@nats-io/nats-core';
import { parseJsonMessage } from '@rollcall/contracts';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { invalidMessage } from './invalid-message';
import { logConsumerStatus } from './log-consumer-status';
import { msgIdOf } from './msg-id';
import type { Cancellable, InvalidMessageHandler, Logged, Validated } from './options';

/** What a JetStream message carries besides its payload. */
export interface JsMessageMeta {
  subject: string;
  /** `Nats-Msg-Id`, when the publisher set one: the natural idempotency key. */
  msgId: string | undefined;
  headers: MsgHdrs | undefined;
  stream: string;
  streamSequence: number;
  /** 1 on the first delivery. */
  deliveryCount: number;
  /** When the stream stored the message. */
  storedAt: Date;
}

export type ConsumeTarget = {
  stream: string;
  /** A durable consumer that already exists (see ensureDurableConsumer). */
  consumer: string;
};

export type ConsumeHandler<Schema extends z.ZodType> = {
  /** Resolve only once the message's effects are committed: the message is acknowledged after it. */
  handle(value: z.output<Schema>, meta: JsMessageMeta): Promise<void>;
};

export type Redelivery = {
  /**
   * Delay before a message whose handler threw is redelivered, by delivery attempt (1st, 2nd, ...; the
   * last repeats). @default [1000, 2000, 5000, 10000, 30000]
   */
  redeliveryDelaysMs?: number[];
};

export type Restarts = {
  /**
   * Delay before `consume()` is restarted after it failed (stream or consumer missing, connection
   * trouble), by consecutive failure; the last repeats. @default [250, 500, 1000, 2000, 5000]
   */
  restartDelaysMs?: number[];
};

export type ConsumeOptions<Schema extends z.ZodType> = ConsumeTarget &
  Validated<Schema> &
  ConsumeHandler<Schema> &
  InvalidMessageHandler &
  Cancellable &
  Logged &
  Redelivery &
  Restarts;

/**
 * Consumes a durable JetStream consumer, one message at a time, until `signal` aborts:
 * - a message that is not JSON or fails `schema` goes to `onInvalid` (which dead-letters it), then is
 *   terminated (`term`) so it is never redelivered; if `onInvalid` itself fails it is redelivered instead, so it is
 *   not lost;
 * - a valid message is acknowledged only after `handle` resolves; if `handle` throws it is nak'ed with a
 *   growing delay and redelivered (`handle` must be idempotent: use `meta.msgId`);
 * - when `consume()` fails or ends, it is restarted with backoff.
 * Resolves once the signal has aborted and the message in hand is settled.
 */
export async function consume<Schema extends z.ZodType>(
  js: JetStreamClient,
  options: ConsumeOptions<Schema>,
): Promise<void> {
  const { stream, consumer: name, signal } = options;
  const log = options.logger.child({ stream, consumer: name });
  const restarts = backoff(options.restartDelaysMs ?? [250, 500, 1000, 2000, 5000]);
  let failures = 0;
  while (!signal.aborted) {
    let messages: ConsumerMessages | undefined;
    const close = () => {
      void messages?.close();
    };
    signal.addEventListener('abort', close, { once: true });
    try {
      const consumer = await js.consumers.get(stream, name);
      messages = await consumer.consume();
      if (signal.aborted) break; // aborted while it was set up, before there was anything to close
      void logConsumerStatus(messages, log);
      for await (const m of messages) {
        failures = 0;
        if (signal.aborted) {
          m.nak(); // hand it straight to another replica instead of waiting out ack_wait
          break;
        }
        await settle(m, options, log);
      }
      if (!signal.aborted) log.warn('consume ended; restarting it');
    } catch (error) {
      if (signal.aborted) break;
      log.warn({ err: error, attempt: failures + 1 }, 'consume failed; restarting it');
    } finally {
      signal.removeEventListener('abort', close);
      // Not awaited: close() resolves only through the iteration, which may never have started.
      close();
    }
    await sleep(restarts.backoff(failures), undefined, { signal }).catch(() => {});
    failures += 1;
  }
}

async function settle<Schema extends z.ZodType>(
  m: JsMsg,
  options: ConsumeOptions<Schema>,
  log: Logger,
): Promise<void> {
  const meta = metaOf(m);
  const parsed = parseJsonMessage(options.schema, m.data);
  if (!parsed.ok) {
    try {
      await options.onInvalid(invalidMessage(m.subject, m.data, meta.msgId, parsed));
    } catch (error) {
      log.error(
        { err: error, subject: m.subject, msgId: meta.msgId },
        'could not record an invalid message; retrying it',
      );
      m.nak(redeliveryDelay(options, meta.deliveryCount));
      return;
    }
    log.warn({ subject: m.subject, msgId: meta.msgId, error: parsed.error }, 'invalid message dead-lettered');
    // No reason: servers before 2.10.4 ignore "+TERM <reason>" and would redeliver the message for ever.
    // The reason is in the dead letter and the log line above.
    m.term();
    return;
  }
  try {
    await options.handle(parsed.value, meta);
  } catch (error) {
    const delayMs = redeliveryDelay(options, meta.deliveryCount);
    log.warn(
      {
        err: error,
        subject: m.subject,
        msgId: meta.msgId,
        deliveryCount: meta.deliveryCount,
        retryInMs: delayMs,
      },
      'handler failed; message will be redelivered',
    );
    m.nak(delayMs);
    return;
  }
  m.ack();
}

function redeliveryDelay(options: Redelivery, deliveryCount: number): number {
  const delays = options.redeliveryDelaysMs ?? [1000, 2000, 5000, 10_000, 30_000];
  return delays[Math.min(deliveryCount, delays.length) - 1] ?? 0;
}

function metaOf(m: JsMsg): JsMessageMeta {
  return {
    subject: m.subject,
    msgId: msgIdOf(m.headers),
    headers: m.headers,
    stream: m.info.stream,
    streamSequence: m.seq,
    deliveryCount: m.info.deliveryCount,
    storedAt: m.time,
  };
}
