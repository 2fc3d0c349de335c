/** A request got no reply: nobody serves the subject, or the responder did not answer in time. */
export class RequestFailedError extends Error {
  readonly subject: string;
  readonly reason: 'no_responders' | 'timeout' | 'other';

  constructor(
    subject: string,
    reason: RequestFailedError['reason'],
    message: string,
    options?: ErrorOptions,
  ) {
    super(`request on ${subject} failed: ${message}`, options);
    this.name = 'RequestFailedError';
    this.subject = subject;
    this.reason = reason;
  }
}
