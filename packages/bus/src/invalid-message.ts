import type { z } from 'zod';

/** A message that could not be used, with everything needed to dead-letter it. */
export interface InvalidMessage {
  subject: string;
  /** The payload as received, decoded as UTF-8. */
  raw: string;
  /** Human-readable: names the failing field paths, or says the payload is not JSON. */
  error: string;
  /** The zod issues; empty when the payload is not JSON at all. */
  issues: readonly z.core.$ZodIssue[];
  /** `Nats-Msg-Id`, when the publisher set one. */
  msgId: string | undefined;
}

const lenientUtf8 = new TextDecoder('utf-8');

/** Builds the dead-letter record for a payload that failed to parse. */
export function invalidMessage(
  subject: string,
  data: Uint8Array,
  msgId: string | undefined,
  failure: { error: string; issues: readonly z.core.$ZodIssue[] },
): InvalidMessage {
  return { subject, raw: lenientUtf8.decode(data), error: failure.error, issues: failure.issues, msgId };
}
