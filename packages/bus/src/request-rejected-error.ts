import type { ErrorReply } from './error-reply';

/** The responder answered with an {@link ErrorReply} the reply schema does not cover. */
export class RequestRejectedError extends Error {
  readonly subject: string;
  readonly reply: ErrorReply;

  constructor(subject: string, reply: ErrorReply, options?: ErrorOptions) {
    super(`request on ${subject} rejected (${reply.error.class}): ${reply.error.message}`, options);
    this.name = 'RequestRejectedError';
    this.subject = subject;
    this.reply = reply;
  }
}
