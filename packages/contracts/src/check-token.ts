import type { z } from 'zod';
import { InvalidTokenError } from './invalid-token-error';

/** Parses one token of a subject or stream name, or throws `InvalidTokenError` naming the field. */
export function checkToken(field: string, schema: z.ZodType<string>, value: string): string {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const rule = parsed.error.issues[0]?.message ?? 'invalid';
  throw new InvalidTokenError(field, value, rule, { cause: parsed.error });
}
