import type { z } from 'zod';

/** The responder answered something that is neither the expected reply nor an error reply. */
export class InvalidReplyError extends Error {
  readonly subject: string;
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(subject: string, error: string, issues: readonly z.core.$ZodIssue[], options?: ErrorOptions) {
    super(`invalid reply to request on ${subject}: ${error}`, options);
    this.name = 'InvalidReplyError';
    this.subject = subject;
    this.issues = issues;
  }
}
