import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../new-event';

/** A new event with a fresh id. */
export function newEvent(type = 'TestHappened', data: unknown = {}): NewEvent {
  return { eventId: randomUUID(), type, data };
}

/** `count` new events `{ n }` with fresh ids. */
export function newEvents(count: number, type = 'TestHappened'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => newEvent(type, { n }));
}
