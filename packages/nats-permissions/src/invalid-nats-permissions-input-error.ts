import type { z } from 'zod';

/** The generator was asked for something the wire contract does not allow; `message` names the fields. */
export class InvalidNatsPermissionsInputError extends Error {
  override readonly name = 'InvalidNatsPermissionsInputError';

  constructor(
    message: string,
    readonly issues: readonly z.core.$ZodIssue[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
