import type { z } from 'zod';

/** A payload this process was about to send does not match its schema; nothing was sent. */
export class MessageValidationError extends Error {
  readonly subject: string;
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(subject: string, error: string, issues: readonly z.core.$ZodIssue[], options?: ErrorOptions) {
    super(`refusing to send an invalid message on ${subject}: ${error}`, options);
    this.name = 'MessageValidationError';
    this.subject = subject;
    this.issues = issues;
  }
}
