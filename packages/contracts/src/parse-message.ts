import type { z } from 'zod';
import { describeIssues } from './describe-issues';

export type ParseMessageResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      /** Human-readable, names the failing field paths (or says the payload is not JSON). */
      readonly error: string;
      /** The zod issues; empty when the payload is not UTF-8 JSON at all. */
      readonly issues: readonly z.core.$ZodIssue[];
    };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes and validates one message payload without throwing, so a consumer can dead-letter a bad message
 * with its reason instead of crashing or retrying it forever.
 */
export function parseJsonMessage<Schema extends z.ZodType>(
  schema: Schema,
  payload: Uint8Array | string,
): ParseMessageResult<z.output<Schema>> {
  let json: unknown;
  try {
    json = JSON.parse(typeof payload === 'string' ? payload : utf8.decode(payload));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `payload is not valid UTF-8 JSON: ${reason}`, issues: [] };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: describeIssues(parsed.error.issues), issues: parsed.error.issues };
}
