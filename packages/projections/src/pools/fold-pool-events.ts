import type { PositionedPoolEvent } from '../positioned-pool-event';
import { evolvePoolRow } from './evolve-pool-row';
import { type PoolRow, poolKey } from './pool-row';

/**
 * Folds `events` in order into `rows` (keyed by `poolKey`), changing the map in place, and returns the keys
 * whose row changed. `rows` must already hold the stored row of every pool the events are about.
 */
export function foldPoolEvents(
  rows: Map<string, PoolRow>,
  events: Iterable<PositionedPoolEvent>,
): Set<string> {
  const changed = new Set<string>();
  for (const { event, position } of events) {
    const key = poolKey(event.data);
    const before = rows.get(key) ?? null;
    const after = evolvePoolRow(before, event, position);
    if (after !== before) {
      rows.set(key, after);
      changed.add(key);
    }
  }
  return changed;
}

/** The pools a fold of `events` is about, by key. */
export function poolKeysOf(
  events: Iterable<PositionedPoolEvent>,
): Map<string, { namespace: string; pool: string }> {
  const keys = new Map<string, { namespace: string; pool: string }>();
  for (const { event } of events) {
    const key = poolKey(event.data);
    if (!keys.has(key)) keys.set(key, { namespace: event.data.namespace, pool: event.data.pool });
  }
  return keys;
}
