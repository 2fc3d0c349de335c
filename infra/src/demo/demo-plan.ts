import type { PoolView, Version, WorkerMapRow } from '@rollcall/contracts';
import { DEMO_POOL } from './demo-settings';

/** The two versions a demo run moves between. */
export interface DemoPlan {
  /** The version the fleet starts on. */
  from: Version;
  /** Whether `from` must be published first (the catalog does not have it). */
  publishFrom: boolean;
  /** The version published once the fleet serves `from`; newer than anything the pool has seen. */
  to: Version;
}

/**
 * A first run (no pool yet) goes from 1 to 2. A later run starts the fleet on the pool's latest published
 * version and rolls to the next one, so running the demo again on the same database needs no reset.
 */
export function planDemo(pool: PoolView | undefined): DemoPlan {
  const seen = [
    ...(pool?.catalog.map((entry) => entry.version) ?? []),
    ...(pool?.versionsInService.map((entry) => entry.version) ?? []),
  ];
  const highestSeen = Math.max(0, ...seen);
  const latest = pool?.latestVersion ?? null;
  if (latest === null || latest < highestSeen) {
    // Nothing usable to start from (no catalog, or everything newer yanked or never published).
    return { from: highestSeen + 1, publishFrom: true, to: highestSeen + 2 };
  }
  return { from: latest, publishFrom: false, to: latest + 1 };
}

/** The artifact of a demo version: the local launcher runs the SDK's example runner for any `example-runner:`. */
export function demoArtifact(version: Version): string {
  return `example-runner:${DEMO_POOL}-v${version}`;
}

/**
 * The servers whose runner (the id its launcher answered) is connected and active, in `runnerIds`' order.
 * A runner the registry has not seen yet, or one already stopped, does not count.
 */
export function serversServing(
  workers: readonly WorkerMapRow[],
  runnerIds: ReadonlyMap<string, string>,
): string[] {
  const active = new Set(workers.filter((row) => row.status === 'active').map((row) => row.runnerId));
  return [...runnerIds].filter(([, runnerId]) => active.has(runnerId)).map(([serverId]) => serverId);
}
