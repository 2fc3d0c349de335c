import type { PositionedPoolEvent } from '../positioned-pool-event';
import { evolvePoolRow } from './evolve-pool-row';
import { type PoolRow, poolKey } from './pool-row';

/** A pool event with the key of its pool's row, computed once per event. */
export interface KeyedPoolEvent extends PositionedPoolEvent {
  readonly key: string;
}

export function keyPoolEvents(events: Iterable<PositionedPoolEvent>): KeyedPoolEvent[] {
  return Array.from(events, ({ event, position }) => ({ key: poolKey(event.data), event, position }));
}

/**
 * Folds the events in order into `rows` (keyed by `poolKey`), changing the map in place, and adds the keys
 * whose row changed to `changed` (returned). `rows` must already hold the stored row of every pool the events
 * are about.
 */
export function foldPoolEvents(
  rows: Map<string, PoolRow>,
  events: readonly KeyedPoolEvent[],
  changed: Set<string> = new Set(),
): Set<string> {
  for (const { key, event, position } of events) {
    const before = rows.get(key) ?? null;
    const after = evolvePoolRow(before, event, position);
    if (after !== before) {
      rows.set(key, after);
      changed.add(key);
    }
  }
  return changed;
}

/** The pools the events are about, by key. */
export function poolKeysOf(
  events: readonly KeyedPoolEvent[],
): Map<string, { namespace: string; pool: string }> {
  const keys = new Map<string, { namespace: string; pool: string }>();
  for (const { key, event } of events) {
    if (!keys.has(key)) keys.set(key, { namespace: event.data.namespace, pool: event.data.pool });
  }
  return keys;
}
