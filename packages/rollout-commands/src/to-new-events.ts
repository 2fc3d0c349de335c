import type { Actor, EventMetadata } from '@rollcall/contracts';
import type { NewEvent } from '@rollcall/eventlog';

/** The metadata every event of one decision carries: who decided it, and why (correlation and causation). */
export type DecisionMetadata = Pick<EventMetadata, 'correlationId' | 'causationId'> & { actor: Actor };

/** A decision's events as the event log stores them, each with its id and the decision's metadata. */
export function toNewEvents(
  events: readonly { readonly type: string; readonly data: unknown }[],
  metadata: DecisionMetadata,
  eventId: (index: number) => string,
): NewEvent[] {
  return events.map((event, index) => ({
    eventId: eventId(index),
    type: event.type,
    data: event.data,
    metadata,
  }));
}
