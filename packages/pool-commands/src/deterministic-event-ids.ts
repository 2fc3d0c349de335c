import { uuidV5 } from './uuid-v5';

// Fixed for all time: changing it would give a repeated cause new event ids, and append it twice.
const CAUSED_EVENT_NAMESPACE = '73c94fcb-c0b3-4618-8367-34a5308796a9';

/**
 * Event ids derived from an idempotency key: the `index`-th event of a decision caused by `key` is always
 * the same uuid v5, so a cause handled twice (a redelivered message, a timer decision made again by a new
 * leader) finds its events already stored instead of appending them again.
 */
export function deterministicEventIds(key: string): (index: number) => string {
  return (index) => uuidV5(`${key}#${index}`, CAUSED_EVENT_NAMESPACE);
}
