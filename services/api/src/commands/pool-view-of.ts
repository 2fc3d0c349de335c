import type { CatalogVersionView, PoolView, VersionInService } from '@rollcall/contracts';
import type { PoolRunner, PoolState } from '@rollcall/domain';

const IN_SERVICE: ReadonlySet<PoolRunner['status']> = new Set(['active', 'draining', 'stopping']);

/**
 * A pool's view straight from its aggregate state, for the answer to a write: it shows the write at once,
 * where the read models (kept by the registry's projector) may still lag behind it. Counts and fields
 * follow the pools query: runners in service are active, draining or stopping.
 */
export function poolViewOf(ref: { namespace: string; pool: string }, state: PoolState): PoolView {
  if (state.status === 'empty') {
    return { ...ref, config: null, latestVersion: null, draining: false, versionsInService: [], catalog: [] };
  }
  const byVersion = new Map<number, VersionInService>();
  let draining = false;
  for (const runner of state.runners.values()) {
    if (!IN_SERVICE.has(runner.status)) continue;
    const counts = byVersion.get(runner.version) ?? { version: runner.version, runners: 0, draining: 0 };
    counts.runners += 1;
    if (runner.drain !== null) counts.draining += 1;
    byVersion.set(runner.version, counts);
    if (runner.drain !== null && runner.status !== 'active') draining = true;
  }
  const catalog: CatalogVersionView[] = [...state.catalog.values()]
    .map(({ version, build, artifact, digest, publishedAt, publishedBy, yanked }) => ({
      version,
      build,
      artifact,
      digest: digest ?? null,
      publishedAt: new Date(publishedAt).toISOString(),
      publishedBy,
      yanked,
    }))
    .sort((a, b) => a.version - b.version);
  const published = catalog.filter((entry) => !entry.yanked).map((entry) => entry.version);
  return {
    namespace: state.namespace,
    pool: state.pool,
    config: state.config,
    latestVersion: published.length === 0 ? null : Math.max(...published),
    draining,
    versionsInService: [...byVersion.values()].sort((a, b) => a.version - b.version),
    catalog,
  };
}
