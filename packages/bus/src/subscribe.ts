import type { MsgHdrs, NatsConnection } from '@nats-io/nats-core';
import { parseJsonMessage } from '@rollcall/contracts';
import type { z } from 'zod';
import { invalidMessage } from './invalid-message';
import { msgIdOf } from './msg-id';
import type { Cancellable, InvalidMessageHandler, Logged, Validated } from './options';

/** What a core NATS message carries besides its payload. */
export interface MessageMeta {
  subject: string;
  msgId: string | undefined;
  headers: MsgHdrs | undefined;
}

export type SubscribeOptions<Schema extends z.ZodType> = Validated<Schema> &
  Cancellable &
  Logged &
  InvalidMessageHandler & {
    /** May contain wildcards. */
    subject: string;
    /** Subscribers sharing a queue group split the messages between them (one replica each). */
    queue?: string;
    handle(value: z.output<Schema>, meta: MessageMeta): Promise<void> | void;
  };

/**
 * Core NATS subscription (at most once: nothing is redelivered), handling one message at a time. The
 * subscription exists when this returns its promise; the promise resolves after `signal` aborts and the
 * messages already received are handled. A failing handler is logged and the next message handled.
 */
export async function subscribe<Schema extends z.ZodType>(
  nc: NatsConnection,
  { subject, schema, queue, signal, logger, handle, onInvalid }: SubscribeOptions<Schema>,
): Promise<void> {
  const subscription = nc.subscribe(subject, queue === undefined ? {} : { queue });
  const stop = () => {
    subscription.drain().catch(() => subscription.unsubscribe());
  };
  if (signal.aborted) stop();
  signal.addEventListener('abort', stop, { once: true });
  try {
    for await (const m of subscription) {
      const msgId = msgIdOf(m.headers);
      const parsed = parseJsonMessage(schema, m.data);
      try {
        if (parsed.ok) await handle(parsed.value, { subject: m.subject, msgId, headers: m.headers });
        else {
          logger.warn({ subject: m.subject, msgId, error: parsed.error }, 'invalid message');
          await onInvalid(invalidMessage(m.subject, m.data, msgId, parsed));
        }
      } catch (error) {
        logger.error({ err: error, subject: m.subject, msgId }, 'message handler failed; message dropped');
      }
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
