import type { RunnerId, ServerId, TargetBy, TargetId, Version } from '@rollcall/contracts';
import type { PoolRunner, PoolState } from '@rollcall/domain';

/** Whether a runner serves the target: it runs on that server, or carries that value of the label. */
export function servesTarget(targetBy: TargetBy, targetId: TargetId, runner: PoolRunner): boolean {
  return targetBy.by === 'server' ? runner.serverId === targetId : runner.labels[targetBy.key] === targetId;
}

/**
 * The runners a target moves away from: registered, not draining, on another version than the rollout's.
 * What its backup records and what is drained once the new ones proved healthy.
 */
export function oldRunnersOf(
  pool: PoolState,
  targetBy: TargetBy,
  targetId: TargetId,
  version: Version,
): PoolRunner[] {
  if (pool.status === 'empty') return [];
  return [...pool.runners.values()]
    .filter((runner) => runner.status === 'active' && runner.version !== version)
    .filter((runner) => servesTarget(targetBy, targetId, runner))
    .sort((a, b) => (a.runnerId < b.runnerId ? -1 : a.runnerId > b.runnerId ? 1 : 0));
}

/**
 * Where a target's runners are started, one start per old runner on that runner's server (at least one
 * start): a server target starts on itself; a label target where its old runners ran. Empty when a label
 * target has no runner the pool knows of, so there is no server to start on.
 */
export function launchPlaces(
  pool: PoolState,
  targetBy: TargetBy,
  targetId: TargetId,
  oldRunnerIds: readonly RunnerId[],
): ServerId[] {
  if (targetBy.by === 'server') {
    // Old runners of a server target all ran there; one start per old runner, at least one.
    return Array.from({ length: Math.max(1, oldRunnerIds.length) }, () => targetId);
  }
  return oldRunnerIds.flatMap((runnerId) => {
    const runner = pool.status === 'open' ? pool.runners.get(runnerId) : undefined;
    return runner === undefined ? [] : [runner.serverId];
  });
}

/** The distinct servers a target's runners may run on: where to look for (or stop) runners it started. */
export function targetServers(
  pool: PoolState,
  targetBy: TargetBy,
  targetId: TargetId,
  runnerIds: readonly RunnerId[],
): ServerId[] {
  const servers = new Set<ServerId>(targetBy.by === 'server' ? [targetId] : []);
  for (const runnerId of runnerIds) {
    const runner = pool.status === 'open' ? pool.runners.get(runnerId) : undefined;
    if (runner !== undefined) servers.add(runner.serverId);
  }
  return [...servers].sort();
}

/** How many starts `places` asks of each server. */
export function startsPerServer(places: readonly ServerId[]): Map<ServerId, number> {
  const counts = new Map<ServerId, number>();
  for (const serverId of places) counts.set(serverId, (counts.get(serverId) ?? 0) + 1);
  return counts;
}

/**
 * Whether a runner a launcher lists as running may count as one started for a target: the pool has not
 * heard of it yet (started, not connected) or knows it active. One the pool knows stopped, stopping, lost
 * or draining is on its way out, even while its process lingers after announcing it (the launcher lists
 * it running until the process has exited), so counting it would leave the target with nothing serving.
 */
export function mayCountAsStarted(pool: PoolState, runnerId: RunnerId): boolean {
  const runner = pool.status === 'open' ? pool.runners.get(runnerId) : undefined;
  return runner === undefined || runner.status === 'active';
}

/** Registered and not gone: it may still serve (active, draining) or is on its way out (stopping). */
export function isLiveRunner(runner: PoolRunner): boolean {
  return runner.status === 'active' || runner.status === 'draining' || runner.status === 'stopping';
}
