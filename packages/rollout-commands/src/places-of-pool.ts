import type { TargetBy, TargetId, Version } from '@rollcall/contracts';
import type { OpenPool, PoolRunner } from '@rollcall/domain';

type PlaceVersions = { readonly active: Version | null; readonly highest: Version };

/**
 * The places a pool runs now, each with the version it runs: by server (`serverId`) or by the value of one
 * runner label. A place counts while it has an active or draining runner (stopping ones are on their way
 * out); its version is the highest its active runners run, or, when all of them drain, the highest of those.
 * Sorted by target id, so a rollout over "all places" moves them in a stable order.
 */
export function placesOfPool(pool: OpenPool, targetBy: TargetBy): Map<TargetId, Version> {
  const places = new Map<TargetId, PlaceVersions>();
  for (const runner of pool.runners.values()) {
    const place = placeOf(runner, targetBy);
    if (place === undefined || (runner.status !== 'active' && runner.status !== 'draining')) continue;
    const seen = places.get(place);
    const active = seen?.active ?? null;
    places.set(place, {
      active: runner.status === 'active' ? Math.max(active ?? 0, runner.version) : active,
      highest: Math.max(seen?.highest ?? 0, runner.version),
    });
  }
  return new Map(
    [...places]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([place, versions]) => [place, versions.active ?? versions.highest]),
  );
}

function placeOf(runner: PoolRunner, targetBy: TargetBy): TargetId | undefined {
  return targetBy.by === 'server' ? runner.serverId : runner.labels[targetBy.key];
}
