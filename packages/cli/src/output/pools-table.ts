import type { PoolView } from '@rollcall/contracts';
import { renderTable } from './render-table';

function inService(pool: PoolView): string | null {
  if (pool.versionsInService.length === 0) return null;
  return pool.versionsInService
    .map(
      ({ version, runners, draining }) =>
        `v${version}: ${runners}${draining === 0 ? '' : ` (${draining} draining)`}`,
    )
    .join(', ');
}

/** Pools as a table: config, latest published version, versions in service. */
export function poolsTable(pools: readonly PoolView[]): string {
  return renderTable(
    ['POOL', 'DRAIN ON UPGRADE', 'DRAIN TIMEOUT', 'AUTO UPGRADE', 'LATEST', 'IN SERVICE', 'DRAINING'],
    pools.map((pool) => [
      pool.pool,
      pool.config === null ? 'unconfigured' : pool.config.drainOnVersionUpgrade ? 'yes' : 'no',
      pool.config === null ? null : `${pool.config.drainTimeoutSeconds} s`,
      pool.config === null ? null : pool.config.autoUpgrade ? 'yes' : 'no',
      pool.latestVersion === null ? null : `v${pool.latestVersion}`,
      inService(pool),
      pool.draining ? 'yes' : 'no',
    ]),
  );
}
