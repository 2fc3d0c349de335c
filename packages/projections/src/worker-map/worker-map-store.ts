import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { PositionedPoolEvent } from '../positioned-pool-event';
import type { WorkerMapTable } from '../tables';
import { foldWorkerEvents, keyWorkerEvents, workerKeysToLoad } from './fold-worker-events';
import { type WorkerRow, workerKey } from './worker-row';

/** A worker_map row as pg returns it: the table's select types (int8 as text, timestamps as Date). */
export type WorkerMapDbRow = Selectable<WorkerMapTable>;

export const workerMapColumns = sql.raw(
  'namespace, runner_id, pool, version, build, server_id, labels, slots, status, active_sessions, idle_since, started_at, last_seen_at, drain, updated_position',
);

export function fromWorkerMapDbRow(row: WorkerMapDbRow): WorkerRow {
  return {
    namespace: row.namespace,
    runnerId: row.runner_id,
    pool: row.pool,
    version: row.version,
    build: row.build,
    serverId: row.server_id,
    labels: row.labels,
    slots: row.slots,
    status: row.status,
    activeSessions: row.active_sessions,
    idleSince: row.idle_since?.toISOString() ?? null,
    startedAt: row.started_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    drain: row.drain,
    updatedPosition: BigInt(row.updated_position),
  };
}

/** The JSON `jsonb_populate_recordset` turns back into worker_map rows (keys are the column names). */
function toRecord(row: WorkerRow) {
  return {
    namespace: row.namespace,
    runner_id: row.runnerId,
    pool: row.pool,
    version: row.version,
    build: row.build,
    server_id: row.serverId,
    labels: row.labels,
    slots: row.slots,
    status: row.status,
    active_sessions: row.activeSessions,
    idle_since: row.idleSince,
    started_at: row.startedAt,
    last_seen_at: row.lastSeenAt,
    drain: row.drain,
    updated_position: row.updatedPosition.toString(),
  };
}

/** The stored rows of the given runners, by `workerKey`. */
export async function loadWorkerRows(
  db: Kysely<EventLogDatabase>,
  table: string,
  runners: Iterable<{ namespace: string; runnerId: string }>,
): Promise<Map<string, WorkerRow>> {
  const namespaces: string[] = [];
  const runnerIds: string[] = [];
  for (const { namespace, runnerId } of runners) {
    namespaces.push(namespace);
    runnerIds.push(runnerId);
  }
  const rows = new Map<string, WorkerRow>();
  if (runnerIds.length === 0) return rows;
  const { rows: stored } = await sql<WorkerMapDbRow>`
    SELECT ${workerMapColumns} FROM ${sql.table(table)}
    WHERE (namespace, runner_id) IN (SELECT * FROM unnest(${namespaces}::text[], ${runnerIds}::text[]))`.execute(
    db,
  );
  for (const row of stored) {
    const worker = fromWorkerMapDbRow(row);
    rows.set(workerKey(worker), worker);
  }
  return rows;
}

/** Writes the rows in one statement, an upsert of the whole set. */
export async function saveWorkerRows(
  db: Kysely<EventLogDatabase>,
  table: string,
  rows: Iterable<WorkerRow>,
): Promise<void> {
  const records = Array.from(rows, toRecord);
  if (records.length === 0) return;
  const target = sql.table(table);
  await sql`
    INSERT INTO ${target} AS t (${workerMapColumns})
    SELECT ${workerMapColumns} FROM jsonb_populate_recordset(NULL::${target}, ${JSON.stringify(records)}::jsonb)
    ON CONFLICT (namespace, runner_id) DO UPDATE SET
      pool = excluded.pool, version = excluded.version, build = excluded.build, server_id = excluded.server_id,
      labels = excluded.labels, slots = excluded.slots, status = excluded.status,
      active_sessions = excluded.active_sessions, idle_since = excluded.idle_since,
      started_at = excluded.started_at, last_seen_at = excluded.last_seen_at, drain = excluded.drain,
      updated_position = excluded.updated_position`.execute(db);
}

/**
 * Applies a batch of pool events to a worker_map table with two statements whatever the batch size: load the
 * rows the batch touches, fold the batch in memory, upsert the rows that changed. Returns how many changed.
 */
export async function applyWorkerMapEvents(
  db: Kysely<EventLogDatabase>,
  table: string,
  events: readonly PositionedPoolEvent[],
): Promise<number> {
  const keyed = keyWorkerEvents(events);
  const rows = await loadWorkerRows(db, table, workerKeysToLoad(keyed).values());
  const changed = foldWorkerEvents(rows, keyed);
  await saveWorkerRows(db, table, changedRows(rows, changed));
  return changed.size;
}

function* changedRows(rows: ReadonlyMap<string, WorkerRow>, keys: Iterable<string>): Generator<WorkerRow> {
  for (const key of keys) {
    const row = rows.get(key);
    if (row !== undefined) yield row;
  }
}
