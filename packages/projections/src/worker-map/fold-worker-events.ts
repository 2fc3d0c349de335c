import type { PoolEvent } from '@rollcall/contracts';
import type { PositionedPoolEvent } from '../positioned-pool-event';
import { evolveWorkerRow, workerMapEventTypes } from './evolve-worker-row';
import { type WorkerRow, workerKey } from './worker-row';

export type WorkerMapEvent = Extract<PoolEvent, { type: (typeof workerMapEventTypes)[number] }>;

const handled: ReadonlySet<string> = new Set(workerMapEventTypes);

export function isWorkerMapEvent(event: PoolEvent): event is WorkerMapEvent {
  return handled.has(event.type);
}

/** The worker-map key an event is about, or null when the worker map does not handle it. */
export function workerKeyOf(event: PoolEvent): string | null {
  return isWorkerMapEvent(event) ? workerKey(event.data) : null;
}

/** A worker-map event with the key of the row it is about, computed once per event. */
export interface KeyedWorkerEvent {
  readonly key: string;
  readonly event: WorkerMapEvent;
  readonly position: bigint;
}

/** The events the worker map handles, each with its row's key. */
export function keyWorkerEvents(events: Iterable<PositionedPoolEvent>): KeyedWorkerEvent[] {
  const keyed: KeyedWorkerEvent[] = [];
  for (const { event, position } of events) {
    if (isWorkerMapEvent(event)) keyed.push({ key: workerKey(event.data), event, position });
  }
  return keyed;
}

/**
 * Folds the events in order into `rows` (keyed by `workerKey`), changing the map in place, and adds the keys
 * whose row changed to `changed` (returned). `rows` must already hold the stored row of every key an event
 * touches, except where the key's first event is a `RunnerConnected` (it replaces the row anyway).
 */
export function foldWorkerEvents(
  rows: Map<string, WorkerRow>,
  events: readonly KeyedWorkerEvent[],
  changed: Set<string> = new Set(),
): Set<string> {
  for (const { key, event, position } of events) {
    const before = rows.get(key) ?? null;
    const after = evolveWorkerRow(before, event, position);
    if (after !== null && after !== before) {
      rows.set(key, after);
      changed.add(key);
    }
  }
  return changed;
}

/** The keys whose stored row a fold of the events needs: touched, and not registered afresh first. */
export function workerKeysToLoad(events: readonly KeyedWorkerEvent[]): Map<string, WorkerMapEvent['data']> {
  const seen = new Set<string>();
  const toLoad = new Map<string, WorkerMapEvent['data']>();
  for (const { key, event } of events) {
    if (seen.has(key)) continue;
    seen.add(key);
    if (event.type !== 'RunnerConnected') toLoad.set(key, event.data);
  }
  return toLoad;
}
