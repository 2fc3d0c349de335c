import type { EventMetadata, NewEvent } from './new-event';

/** A decision's events as the event log stores them, each with its id and the decision's metadata. */
export function toNewEvents(
  events: readonly { readonly type: string; readonly data: unknown }[],
  metadata: EventMetadata,
  eventId: (index: number) => string,
): NewEvent[] {
  return events.map((event, index) => ({
    eventId: eventId(index),
    type: event.type,
    data: event.data,
    metadata,
  }));
}
