import { PoolEvent, poolEventTypes } from '@rollcall/contracts';
import type { PositionedPoolEvent } from '../positioned-pool-event';
import { PoolEventParseError } from './pool-event-parse-error';

const known: ReadonlySet<string> = new Set(poolEventTypes);

export interface StoredPoolEvent {
  eventId: string;
  type: string;
  data: unknown;
  globalPosition: bigint;
}

/**
 * Parses a stored event of the `pool` category for the reducers. Null for a type this version does not know
 * (a newer writer's event is not ours to interpret, as in the aggregate's `evolve`).
 * @throws PoolEventParseError when a known type's data does not fit its schema
 */
export function toPoolEvent(stored: StoredPoolEvent): PositionedPoolEvent | null {
  if (!known.has(stored.type)) return null;
  const parsed = PoolEvent.safeParse({ type: stored.type, data: stored.data });
  if (!parsed.success) throw new PoolEventParseError(stored, parsed.error.issues);
  return { event: parsed.data, position: stored.globalPosition };
}
