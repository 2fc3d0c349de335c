import type { z } from 'zod';

/** A stored pool event whose data does not fit its type's schema; the projector's subscription parks it. */
export class PoolEventParseError extends Error {
  override readonly name = 'PoolEventParseError';
  readonly eventId: string;
  readonly eventType: string;
  readonly globalPosition: bigint;
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(
    event: { eventId: string; type: string; globalPosition: bigint },
    issues: readonly z.core.$ZodIssue[],
    options?: ErrorOptions,
  ) {
    const where = issues[0]?.path.join('.') ?? '';
    super(
      `pool event ${event.type} at position ${event.globalPosition} (${event.eventId}) does not parse` +
        (where === '' ? '' : `: ${where}: ${issues[0]?.message ?? ''}`),
      options,
    );
    this.eventId = event.eventId;
    this.eventType = event.type;
    this.globalPosition = event.globalPosition;
    this.issues = issues;
  }
}
