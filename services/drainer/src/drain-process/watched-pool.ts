import type { IsoTimestamp, Namespace, PoolEvent, PoolName, RunnerId } from '@rollcall/contracts';
import { evolve, findRunner, initialState, type PoolState } from '@rollcall/domain';

/** When a runner now `stopping` was told to stop: its stop timeout runs from here. */
export type StopRequest = Readonly<{ requestedAt: IsoTimestamp; forced: boolean }>;

/**
 * A pool the drain process follows, folded from its stream: the aggregate's own state (so due stops come
 * from the domain's `runnersDueToStop`), plus the stop requests of its stopping runners, which the
 * aggregate does not keep and the stop timeout needs.
 */
export type WatchedPool = Readonly<{
  namespace: Namespace;
  pool: PoolName;
  state: PoolState;
  /** The stream version `state` is folded to. */
  version: bigint;
  stopRequests: ReadonlyMap<RunnerId, StopRequest>;
}>;

export function unfoldedPool(namespace: Namespace, pool: PoolName): WatchedPool {
  return { namespace, pool, state: initialState(), version: 0n, stopRequests: new Map() };
}

/** Folds the event at stream `version`. Pure; never throws (like the aggregate's `evolve`). */
export function evolveWatchedPool(watched: WatchedPool, event: PoolEvent, version: bigint): WatchedPool {
  const state = evolve(watched.state, event);
  return { ...watched, state, version, stopRequests: stopRequestsAfter(watched, state, event) };
}

function stopRequestsAfter(
  watched: WatchedPool,
  state: PoolState,
  event: PoolEvent,
): ReadonlyMap<RunnerId, StopRequest> {
  if (!('runnerId' in event.data)) return watched.stopRequests;
  const { runnerId } = event.data;
  const wasStopping = findRunner(watched.state, runnerId)?.status === 'stopping';
  const isStopping = findRunner(state, runnerId)?.status === 'stopping';
  if (isStopping && !wasStopping && event.type === 'RunnerStopRequested') {
    const { requestedAt, forced } = event.data;
    return new Map(watched.stopRequests).set(runnerId, { requestedAt, forced });
  }
  if (isStopping || !watched.stopRequests.has(runnerId)) return watched.stopRequests;
  const rest = new Map(watched.stopRequests);
  rest.delete(runnerId);
  return rest;
}
