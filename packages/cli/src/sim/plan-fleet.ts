import type { PoolName, RunnerId, ServerId, Version } from '@rollcall/contracts';
import type { FleetSimulationSettings } from './fleet-simulation-settings';

export interface PlannedRunner {
  runnerId: RunnerId;
  pool: PoolName;
  serverId: ServerId;
  version: Version;
}

/**
 * The runners of each version, one list per version: runner `i` lives in pool `i mod P` on server `i mod S`,
 * so a newer version's runner `i` starts beside the older runner it replaces, as a launcher would start it.
 */
export function planFleet(settings: FleetSimulationSettings): PlannedRunner[][] {
  const servers = settings.servers ?? Math.max(1, Math.ceil(settings.runners / 10));
  return settings.versions.map((version) =>
    Array.from({ length: settings.runners }, (_, i) => {
      const pool = `pool-${(i % settings.pools) + 1}`;
      return {
        runnerId: `${pool}-v${version}-r${i + 1}`,
        pool,
        serverId: `server-${(i % servers) + 1}`,
        version,
      };
    }),
  );
}
