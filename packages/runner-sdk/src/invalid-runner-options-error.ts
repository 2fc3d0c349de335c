import type { z } from 'zod';

/** `createRunner` was given options that break the wire contract (e.g. a runner id with a dot). */
export class InvalidRunnerOptionsError extends Error {
  override readonly name = 'InvalidRunnerOptionsError';
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(description: string, issues: readonly z.core.$ZodIssue[], options?: ErrorOptions) {
    super(`invalid runner options: ${description}`, options);
    this.issues = issues;
  }
}
