import { headers, type NatsConnection } from '@nats-io/nats-core';
import type { z } from 'zod';
import { encodePayload } from './encode-payload';
import { MSG_ID_HEADER } from './msg-id';
import type { Validated } from './options';

export type PublishOptions<Schema extends z.ZodType> = Validated<Schema> & {
  subject: string;
  payload: z.input<Schema>;
  /** Sent as `Nats-Msg-Id`, so a JetStream stream capturing the subject stores it once. */
  msgId?: string;
};

/**
 * Core NATS publish (fire and forget) of a payload checked against its schema first; an invalid payload
 * throws a {@link MessageValidationError} and nothing is sent.
 */
export function publish<Schema extends z.ZodType>(
  nc: NatsConnection,
  { subject, schema, payload, msgId }: PublishOptions<Schema>,
): void {
  const data = encodePayload(subject, schema, payload);
  if (msgId === undefined) {
    nc.publish(subject, data);
    return;
  }
  const h = headers();
  h.set(MSG_ID_HEADER, msgId);
  nc.publish(subject, data, { headers: h });
}
