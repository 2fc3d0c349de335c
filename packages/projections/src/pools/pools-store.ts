import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { PositionedPoolEvent } from '../positioned-pool-event';
import type { PoolsTable } from '../tables';
import { foldPoolEvents, keyPoolEvents, poolKeysOf } from './fold-pool-events';
import { type PoolRow, poolKey } from './pool-row';

/** A pools row as pg returns it: the table's select types (int8 as text). */
export type PoolsDbRow = Selectable<PoolsTable>;

export const poolsColumns = sql.raw('namespace, pool, config, latest_version, catalog, updated_position');

export function fromPoolsDbRow(row: PoolsDbRow): PoolRow {
  return {
    namespace: row.namespace,
    pool: row.pool,
    config: row.config,
    latestVersion: row.latest_version,
    catalog: row.catalog,
    updatedPosition: BigInt(row.updated_position),
  };
}

function toRecord(row: PoolRow) {
  return {
    namespace: row.namespace,
    pool: row.pool,
    config: row.config,
    latest_version: row.latestVersion,
    catalog: row.catalog,
    updated_position: row.updatedPosition.toString(),
  };
}

export async function loadPoolRows(
  db: Kysely<EventLogDatabase>,
  table: string,
  pools: Iterable<{ namespace: string; pool: string }>,
): Promise<Map<string, PoolRow>> {
  const namespaces: string[] = [];
  const names: string[] = [];
  for (const { namespace, pool } of pools) {
    namespaces.push(namespace);
    names.push(pool);
  }
  const rows = new Map<string, PoolRow>();
  if (names.length === 0) return rows;
  const { rows: stored } = await sql<PoolsDbRow>`
    SELECT ${poolsColumns} FROM ${sql.table(table)}
    WHERE (namespace, pool) IN (SELECT * FROM unnest(${namespaces}::text[], ${names}::text[]))`.execute(db);
  for (const row of stored) {
    const pool = fromPoolsDbRow(row);
    rows.set(poolKey(pool), pool);
  }
  return rows;
}

export async function savePoolRows(
  db: Kysely<EventLogDatabase>,
  table: string,
  rows: Iterable<PoolRow>,
): Promise<void> {
  const records = Array.from(rows, toRecord);
  if (records.length === 0) return;
  const target = sql.table(table);
  await sql`
    INSERT INTO ${target} AS t (${poolsColumns})
    SELECT ${poolsColumns} FROM jsonb_populate_recordset(NULL::${target}, ${JSON.stringify(records)}::jsonb)
    ON CONFLICT (namespace, pool) DO UPDATE SET
      config = excluded.config, latest_version = excluded.latest_version, catalog = excluded.catalog,
      updated_position = excluded.updated_position`.execute(db);
}

/** Applies a batch of pool events to a pools table: load the pools it is about, fold, upsert what changed. */
export async function applyPoolsEvents(
  db: Kysely<EventLogDatabase>,
  table: string,
  events: readonly PositionedPoolEvent[],
): Promise<number> {
  const keyed = keyPoolEvents(events);
  const rows = await loadPoolRows(db, table, poolKeysOf(keyed).values());
  const changed = foldPoolEvents(rows, keyed);
  const written: PoolRow[] = [];
  for (const key of changed) {
    const row = rows.get(key);
    if (row !== undefined) written.push(row);
  }
  await savePoolRows(db, table, written);
  return changed.size;
}
