import { type Msg, type NatsConnection, RequestError, TimeoutError } from '@nats-io/nats-core';
import { parseJsonMessage } from '@rollcall/contracts';
import type { z } from 'zod';
import { encodePayload } from './encode-payload';
import { ErrorReply } from './error-reply';
import { InvalidReplyError } from './invalid-reply-error';
import { RequestFailedError } from './request-failed-error';
import { RequestRejectedError } from './request-rejected-error';

export type RequestOptions<RequestSchema extends z.ZodType, ReplySchema extends z.ZodType> = {
  subject: string;
  requestSchema: RequestSchema;
  replySchema: ReplySchema;
  payload: z.input<RequestSchema>;
  /** @default 5000 */
  timeoutMs?: number;
};

/**
 * Request/reply with both sides checked: an invalid request throws before sending
 * ({@link MessageValidationError}); no answer throws {@link RequestFailedError}; an {@link ErrorReply} that
 * `replySchema` does not accept throws {@link RequestRejectedError}; anything else that does not match
 * throws {@link InvalidReplyError}. A `replySchema` that includes the `{ok: false}` branch gets it as a value.
 */
export async function request<RequestSchema extends z.ZodType, ReplySchema extends z.ZodType>(
  nc: NatsConnection,
  {
    subject,
    requestSchema,
    replySchema,
    payload,
    timeoutMs = 5000,
  }: RequestOptions<RequestSchema, ReplySchema>,
): Promise<z.output<ReplySchema>> {
  const data = encodePayload(subject, requestSchema, payload);
  let reply: Msg;
  try {
    reply = await nc.request(subject, data, { timeout: timeoutMs });
  } catch (error) {
    throw requestFailed(subject, error, timeoutMs);
  }
  const parsed = parseJsonMessage(replySchema, reply.data);
  if (parsed.ok) return parsed.value;
  const rejection = parseJsonMessage(ErrorReply, reply.data);
  if (rejection.ok) throw new RequestRejectedError(subject, rejection.value);
  throw new InvalidReplyError(subject, parsed.error, parsed.issues);
}

function requestFailed(subject: string, error: unknown, timeoutMs: number): RequestFailedError {
  if (error instanceof RequestError && error.isNoResponders()) {
    return new RequestFailedError(subject, 'no_responders', 'nobody serves this subject', { cause: error });
  }
  if (error instanceof TimeoutError || (error instanceof Error && error.cause instanceof TimeoutError)) {
    return new RequestFailedError(subject, 'timeout', `no reply within ${timeoutMs}ms`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RequestFailedError(subject, 'other', message, { cause: error });
}
