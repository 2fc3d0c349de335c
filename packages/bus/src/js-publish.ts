import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import type { z } from 'zod';
import { encodePayload } from './encode-payload';
import type { Validated } from './options';

export type JsPublishOptions<Schema extends z.ZodType> = Validated<Schema> & {
  subject: string;
  payload: z.input<Schema>;
  /**
   * The de-duplication key (`Nats-Msg-Id`): a retry with the same id inside the stream's duplicate window
   * is stored once and acknowledged with `duplicate: true`. Use the event id.
   */
  msgId: string;
  /** How long to wait for the stream's acknowledgement. @default the connection's timeout */
  timeoutMs?: number;
};

/** JetStream publish of a payload checked against its schema; resolves once the stream has stored it. */
export async function jsPublish<Schema extends z.ZodType>(
  js: JetStreamClient,
  { subject, schema, payload, msgId, timeoutMs }: JsPublishOptions<Schema>,
): Promise<PubAck> {
  const data = encodePayload(subject, schema, payload);
  return js.publish(subject, data, {
    msgID: msgId,
    ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }),
  });
}
