import type { CatalogVersionView, PoolEvent, PoolEventType } from '@rollcall/contracts';
import { poolEventTypes } from '@rollcall/contracts';
import { canonicalTime } from '../canonical-time';
import type { PoolRow } from './pool-row';

/** Every pool event type: the first event about a pool, whatever it is, lists the pool. */
export const poolsEventTypes: readonly PoolEventType[] = poolEventTypes;

/**
 * Folds one pool event at `position` into the pool's row (null: not listed yet). Pure. Returns the same
 * object when nothing changed, and ignores an event at or below the row's `updatedPosition` (a redelivery).
 * `latestVersion` is the highest published version that is not yanked.
 */
export function evolvePoolRow(row: PoolRow | null, event: PoolEvent, position: bigint): PoolRow {
  if (row !== null && position <= row.updatedPosition) return row;
  const current = row ?? listed(event.data, position);
  switch (event.type) {
    case 'PoolConfigured': {
      // The whole config (rollout defaults and target settings too), as the PUT that configured it answers:
      // `rollcall pools configure` reads it back to change one setting and keep the others.
      const { namespace: _, pool: __, configuredBy: ___, ...config } = event.data;
      return { ...current, config, updatedPosition: position };
    }
    case 'VersionPublished': {
      const { version, build, artifact, digest, publishedAt, publishedBy } = event.data;
      // A published version is immutable (the aggregate refuses other content under the same number).
      if (current.catalog.some((entry) => entry.version === version)) return current;
      const entry: CatalogVersionView = {
        version,
        build,
        artifact,
        digest: digest ?? null,
        publishedAt: canonicalTime(publishedAt),
        publishedBy,
        yanked: false,
      };
      const catalog = [...current.catalog, entry].sort((a, b) => a.version - b.version);
      return { ...current, catalog, latestVersion: latestOf(catalog), updatedPosition: position };
    }
    case 'VersionYanked': {
      const { version } = event.data;
      if (!current.catalog.some((entry) => entry.version === version && !entry.yanked)) return current;
      const catalog = current.catalog.map((entry) =>
        entry.version === version ? { ...entry, yanked: true } : entry,
      );
      return { ...current, catalog, latestVersion: latestOf(catalog), updatedPosition: position };
    }
    default:
      return current;
  }
}

function listed({ namespace, pool }: { namespace: string; pool: string }, position: bigint): PoolRow {
  return { namespace, pool, config: null, latestVersion: null, catalog: [], updatedPosition: position };
}

function latestOf(catalog: readonly CatalogVersionView[]): number | null {
  let latest: number | null = null;
  for (const entry of catalog) {
    if (!entry.yanked && (latest === null || entry.version > latest)) latest = entry.version;
  }
  return latest;
}
