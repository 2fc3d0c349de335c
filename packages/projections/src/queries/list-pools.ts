import type {
  CatalogVersionView,
  Namespace,
  PoolConfigView,
  PoolName,
  PoolView,
  VersionInService,
} from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';

export interface ListPoolsInput {
  namespace: Namespace;
  /** Only this pool. */
  pool?: PoolName | undefined;
}

interface ListPoolsRow {
  pool: string;
  config: PoolConfigView | null;
  latest_version: number | null;
  catalog: CatalogVersionView[];
  versions: VersionInService[] | null;
  draining: boolean | null;
}

/**
 * The pools of a namespace, by name: config, catalog and latest published version from the pools projection,
 * and the versions in service counted over the worker map, in one statement (one snapshot).
 */
export async function listPools(
  db: Kysely<EventLogDatabase>,
  { namespace, pool }: ListPoolsInput,
): Promise<PoolView[]> {
  const onePool = (column: string) => (pool === undefined ? sql`` : sql`AND ${sql.ref(column)} = ${pool}`);
  // worker_map is named before pools (CTEs are resolved first): a rebuild's swap locks them in that order.
  const { rows } = await sql<ListPoolsRow>`
    WITH in_service AS (
      SELECT pool, version, count(*)::int AS runners, (count(*) FILTER (WHERE drain IS NOT NULL))::int AS draining,
        bool_or(drain IS NOT NULL AND status IN ('draining', 'stopping')) AS drain_in_progress
      FROM worker_map
      WHERE namespace = ${namespace} ${onePool('pool')} AND status IN ('active', 'draining', 'stopping')
      GROUP BY pool, version
    ), by_pool AS (
      SELECT pool, bool_or(drain_in_progress) AS draining,
        json_agg(json_build_object('version', version, 'runners', runners, 'draining', draining) ORDER BY version)
          AS versions
      FROM in_service GROUP BY pool
    )
    SELECT p.pool, p.config, p.latest_version, p.catalog, b.versions, b.draining
    FROM pools p LEFT JOIN by_pool b ON b.pool = p.pool
    WHERE p.namespace = ${namespace} ${onePool('p.pool')}
    ORDER BY p.pool COLLATE "C"`.execute(db);
  return rows.map((row) => ({
    namespace,
    pool: row.pool,
    config: row.config,
    latestVersion: row.latest_version,
    draining: row.draining ?? false,
    versionsInService: row.versions ?? [],
    catalog: row.catalog,
  }));
}
