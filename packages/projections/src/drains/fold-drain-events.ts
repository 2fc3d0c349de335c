import { canonicalTime, laterTime } from '../canonical-time';
import type { PositionedPoolEvent } from '../positioned-pool-event';
import { type DrainRow, type RunnerSnapshot, runnerKey } from './drain-row';
import { type DrainsEvent, evolveDrainRow, isDrainsEvent } from './evolve-drain-row';

/** What a fold of the drains read model works on; both maps are keyed by `runnerKey` and changed in place. */
export interface DrainsFoldState {
  /** Each touched runner's latest drain; absent or null when it has none in progress. */
  readonly latest: Map<string, DrainRow | null>;
  /** Runners as of the fold's position, for the drains they may get. */
  readonly runners: Map<string, RunnerSnapshot>;
}

/**
 * Folds the events in order, keeping each runner's snapshot up to date, and puts every drain row that
 * changed into `changed` (by id, returned), including a row that ended and was followed by a new drain of
 * the same runner within the events.
 */
export function foldDrainEvents(
  state: DrainsFoldState,
  events: Iterable<PositionedPoolEvent>,
  changed: Map<bigint, DrainRow> = new Map(),
): Map<bigint, DrainRow> {
  for (const { event, position } of events) {
    if (!isDrainsEvent(event)) continue;
    const key = runnerKey(event.data);
    const before = state.latest.get(key) ?? null;
    const runner = state.runners.get(key) ?? null;
    const after = evolveDrainRow(before, event, position, runner);
    const snapshot = nextSnapshot(runner, event);
    if (snapshot !== runner && snapshot !== null) state.runners.set(key, snapshot);
    if (after !== null && after !== before) {
      state.latest.set(key, after);
      changed.set(after.id, after);
    }
  }
  return changed;
}

/** The runner's snapshot after the event; mirrors how the worker map keeps its pool, version and sessions. */
function nextSnapshot(runner: RunnerSnapshot | null, event: DrainsEvent): RunnerSnapshot | null {
  if (event.type === 'RunnerConnected') {
    const { pool, version, serverId, connectedAt } = event.data;
    return { pool, version, serverId, activeSessions: 0, sessionsAt: canonicalTime(connectedAt) };
  }
  if (runner === null || runner.pool !== event.data.pool) return runner;
  switch (event.type) {
    case 'RunnerBecameBusy':
      return {
        ...runner,
        activeSessions: event.data.activeSessions,
        sessionsAt: laterTime(runner.sessionsAt, canonicalTime(event.data.at)),
      };
    case 'RunnerBecameIdle':
      return {
        ...runner,
        activeSessions: 0,
        sessionsAt: laterTime(runner.sessionsAt, canonicalTime(event.data.at)),
      };
    default:
      return runner;
  }
}

export interface DrainRunnerRef {
  readonly namespace: string;
  readonly runnerId: string;
}

/** What a fold of these events needs loaded: the runners' drains in progress, and runner snapshots. */
export interface DrainsToLoad {
  /** Every runner the events are about, by key. */
  readonly runners: Map<string, DrainRunnerRef>;
  /** Runners drained before the events register them: their snapshot comes from the worker map. */
  readonly snapshots: Map<string, DrainRunnerRef>;
}

export function drainsToLoad(events: Iterable<PositionedPoolEvent>): DrainsToLoad {
  const runners = new Map<string, DrainRunnerRef>();
  const snapshots = new Map<string, DrainRunnerRef>();
  const registeredHere = new Set<string>();
  for (const { event } of events) {
    if (!isDrainsEvent(event)) continue;
    const key = runnerKey(event.data);
    const ref = { namespace: event.data.namespace, runnerId: event.data.runnerId };
    runners.set(key, ref);
    if (event.type === 'RunnerConnected') registeredHere.add(key);
    else if (event.type === 'RunnerDrainRequested' && !registeredHere.has(key)) snapshots.set(key, ref);
  }
  return { runners, snapshots };
}
