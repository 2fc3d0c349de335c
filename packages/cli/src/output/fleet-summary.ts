import type { WorkerMapRow } from '@rollcall/contracts';

const GONE = new Set(['stopped', 'lost']);

/**
 * One line per pool: its runners still in service by version, with draining counts, e.g.
 * `web: v42 x3 (3 draining), v43 x3`. Stopped and lost runners are left out.
 */
export function fleetSummary(workers: readonly WorkerMapRow[]): string[] {
  const pools = new Map<string, Map<number, { runners: number; draining: number }>>();
  for (const worker of workers) {
    if (GONE.has(worker.status)) continue;
    const versions = pools.get(worker.pool) ?? new Map<number, { runners: number; draining: number }>();
    const count = versions.get(worker.version) ?? { runners: 0, draining: 0 };
    count.runners += 1;
    if (worker.draining) count.draining += 1;
    versions.set(worker.version, count);
    pools.set(worker.pool, versions);
  }
  return [...pools.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([pool, versions]) => {
      const parts = [...versions.entries()]
        .sort(([a], [b]) => a - b)
        .map(
          ([version, { runners, draining }]) =>
            `v${version} x${runners}${draining === 0 ? '' : ` (${draining} draining)`}`,
        );
      return `${pool}: ${parts.join(', ')}`;
    });
}
