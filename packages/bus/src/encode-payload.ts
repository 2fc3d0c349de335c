import { describeIssues } from '@rollcall/contracts';
import type { z } from 'zod';
import { MessageValidationError } from './message-validation-error';

/**
 * Checks an outgoing payload against its schema and returns the JSON to send. The payload itself is sent,
 * not the parsed value: defaults and transforms are the reader's business.
 */
export function encodePayload<Schema extends z.ZodType>(
  subject: string,
  schema: Schema,
  payload: z.input<Schema>,
): string {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new MessageValidationError(subject, describeIssues(parsed.error.issues), parsed.error.issues, {
      cause: parsed.error,
    });
  }
  return JSON.stringify(payload);
}
