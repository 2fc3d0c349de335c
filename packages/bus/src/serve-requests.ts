import type { Msg, NatsConnection } from '@nats-io/nats-core';
import { describeIssues, parseJsonMessage } from '@rollcall/contracts';
import type { z } from 'zod';
import type { ErrorReply } from './error-reply';
import { msgIdOf } from './msg-id';
import type { Cancellable, Logged, Validated } from './options';
import type { MessageMeta } from './subscribe';

export type ServeRequestsOptions<
  Schema extends z.ZodType,
  ReplySchema extends z.ZodType,
> = Validated<Schema> &
  Cancellable &
  Logged & {
    subject: string;
    /** Responders sharing a queue group split the requests between them. */
    queue: string;
    /** When given, each reply is checked before it is sent; a reply that fails is answered as an internal error. */
    replySchema?: ReplySchema;
    handle(value: z.output<Schema>, meta: MessageMeta): Promise<z.input<ReplySchema>> | z.input<ReplySchema>;
  };

/**
 * Answers requests on `subject`, one at a time. A request that is not JSON or fails `schema` is answered
 * `{ok: false, error: {class: 'bad_request', message, issues}}` naming the fields; a handler that throws is
 * answered `{ok: false, error: {class: 'internal_error'}}` and logged, its details kept out of the reply.
 * Resolves after `signal` aborts and the requests already received are answered.
 */
export async function serveRequests<Schema extends z.ZodType, ReplySchema extends z.ZodType>(
  nc: NatsConnection,
  { subject, schema, queue, replySchema, signal, logger, handle }: ServeRequestsOptions<Schema, ReplySchema>,
): Promise<void> {
  const subscription = nc.subscribe(subject, { queue });
  const stop = () => {
    subscription.drain().catch(() => subscription.unsubscribe());
  };
  if (signal.aborted) stop();
  signal.addEventListener('abort', stop, { once: true });
  try {
    for await (const m of subscription) {
      if (m.reply === undefined) {
        logger.warn({ subject: m.subject }, 'message without a reply subject on a request subject; ignored');
        continue;
      }
      respond(m, await answer(m));
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }

  async function answer(m: Msg): Promise<unknown> {
    const parsed = parseJsonMessage(schema, m.data);
    if (!parsed.ok) {
      logger.warn({ subject: m.subject, error: parsed.error }, 'bad request');
      return badRequest(parsed.error, parsed.issues);
    }
    try {
      const reply = await handle(parsed.value, {
        subject: m.subject,
        msgId: msgIdOf(m.headers),
        headers: m.headers,
      });
      if (replySchema === undefined) return reply;
      const checked = replySchema.safeParse(reply);
      if (checked.success) return reply;
      logger.error(
        { subject: m.subject, error: describeIssues(checked.error.issues) },
        'reply fails its schema',
      );
      return internalError;
    } catch (error) {
      logger.error({ err: error, subject: m.subject }, 'request handler failed');
      return internalError;
    }
  }

  function respond(m: Msg, reply: unknown): void {
    if (!m.respond(JSON.stringify(reply))) logger.warn({ subject: m.subject }, 'could not send the reply');
  }
}

const internalError: ErrorReply = {
  ok: false,
  error: { class: 'internal_error', message: 'the responder failed to handle the request; see its log' },
};

function badRequest(message: string, issues: readonly z.core.$ZodIssue[]): ErrorReply {
  const described = issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  return { ok: false, error: { class: 'bad_request', message, issues: described } };
}
