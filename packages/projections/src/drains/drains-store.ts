import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { PositionedPoolEvent } from '../positioned-pool-event';
import type { DrainsTable } from '../tables';
import { type DrainRow, type RunnerSnapshot, runnerKey } from './drain-row';
import { type DrainRunnerRef, foldDrainEvents } from './fold-drain-events';

/** A drains row as pg returns it: the table's select types (int8 as text, timestamps as Date). */
export type DrainsDbRow = Selectable<DrainsTable>;

export const drainsColumns = sql.raw(
  'id, namespace, runner_id, pool, version, server_id, reason, superseded_by, requested_by, requested_at, deadline, phase, notice_position, active_sessions, sessions_at, stop_requested_at, stop_forced, stop_reason, stop_position, ended_at, outcome, updated_position',
);

export function fromDrainsDbRow(row: DrainsDbRow): DrainRow {
  return {
    id: BigInt(row.id),
    namespace: row.namespace,
    runnerId: row.runner_id,
    pool: row.pool,
    version: row.version,
    serverId: row.server_id,
    reason: row.reason,
    supersededBy: row.superseded_by,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    deadline: row.deadline.toISOString(),
    phase: row.phase,
    noticePosition: BigInt(row.notice_position),
    activeSessions: row.active_sessions,
    sessionsAt: row.sessions_at.toISOString(),
    stopRequestedAt: row.stop_requested_at?.toISOString() ?? null,
    stopForced: row.stop_forced,
    stopReason: row.stop_reason,
    stopPosition: row.stop_position === null ? null : BigInt(row.stop_position),
    endedAt: row.ended_at?.toISOString() ?? null,
    outcome: row.outcome,
    updatedPosition: BigInt(row.updated_position),
  };
}

/** The JSON `jsonb_populate_recordset` turns back into drains rows (keys are the column names). */
function toRecord(row: DrainRow) {
  return {
    id: row.id.toString(),
    namespace: row.namespace,
    runner_id: row.runnerId,
    pool: row.pool,
    version: row.version,
    server_id: row.serverId,
    reason: row.reason,
    superseded_by: row.supersededBy,
    requested_by: row.requestedBy,
    requested_at: row.requestedAt,
    deadline: row.deadline,
    phase: row.phase,
    notice_position: row.noticePosition.toString(),
    active_sessions: row.activeSessions,
    sessions_at: row.sessionsAt,
    stop_requested_at: row.stopRequestedAt,
    stop_forced: row.stopForced,
    stop_reason: row.stopReason,
    stop_position: row.stopPosition?.toString() ?? null,
    ended_at: row.endedAt,
    outcome: row.outcome,
    updated_position: row.updatedPosition.toString(),
  };
}

function unzipRunners(runners: Iterable<DrainRunnerRef>): { namespaces: string[]; runnerIds: string[] } {
  const namespaces: string[] = [];
  const runnerIds: string[] = [];
  for (const { namespace, runnerId } of runners) {
    namespaces.push(namespace);
    runnerIds.push(runnerId);
  }
  return { namespaces, runnerIds };
}

/** The drains in progress of the given runners, by `runnerKey` (at most one per runner). */
export async function loadOpenDrains(
  db: Kysely<EventLogDatabase>,
  table: string,
  runners: Iterable<DrainRunnerRef>,
): Promise<Map<string, DrainRow>> {
  const { namespaces, runnerIds } = unzipRunners(runners);
  const rows = new Map<string, DrainRow>();
  if (runnerIds.length === 0) return rows;
  const { rows: stored } = await sql<DrainsDbRow>`
    SELECT ${drainsColumns} FROM ${sql.table(table)}
    WHERE phase IN ('draining', 'stopping')
      AND (namespace, runner_id) IN (SELECT * FROM unnest(${namespaces}::text[], ${runnerIds}::text[]))
    ORDER BY id`.execute(db);
  for (const row of stored) {
    const drain = fromDrainsDbRow(row);
    rows.set(runnerKey(drain), drain);
  }
  return rows;
}

/** Writes the rows in one statement, an upsert of the whole set. */
export async function saveDrainRows(
  db: Kysely<EventLogDatabase>,
  table: string,
  rows: Iterable<DrainRow>,
): Promise<void> {
  const records = Array.from(rows, toRecord);
  if (records.length === 0) return;
  const target = sql.table(table);
  await sql`
    INSERT INTO ${target} AS t (${drainsColumns})
    SELECT ${drainsColumns} FROM jsonb_populate_recordset(NULL::${target}, ${JSON.stringify(records)}::jsonb)
    ON CONFLICT (id) DO UPDATE SET
      namespace = excluded.namespace, runner_id = excluded.runner_id, pool = excluded.pool,
      version = excluded.version, server_id = excluded.server_id, reason = excluded.reason,
      superseded_by = excluded.superseded_by, requested_by = excluded.requested_by,
      requested_at = excluded.requested_at, deadline = excluded.deadline, phase = excluded.phase,
      notice_position = excluded.notice_position, active_sessions = excluded.active_sessions,
      sessions_at = excluded.sessions_at, stop_requested_at = excluded.stop_requested_at,
      stop_forced = excluded.stop_forced, stop_reason = excluded.stop_reason,
      stop_position = excluded.stop_position, ended_at = excluded.ended_at, outcome = excluded.outcome,
      updated_position = excluded.updated_position`.execute(db);
}

/**
 * Applies a batch of pool events to a drains table in two statements: load the drains in progress of the
 * runners the batch is about, fold, upsert the rows that changed. `snapshots` holds every runner the batch
 * is about before the batch registers it (`drainsToLoad`), read before the batch reached the worker map.
 * Returns how many rows changed.
 */
export async function applyDrainsEvents(
  db: Kysely<EventLogDatabase>,
  table: string,
  events: readonly PositionedPoolEvent[],
  runners: Iterable<DrainRunnerRef>,
  snapshots: Map<string, RunnerSnapshot>,
): Promise<number> {
  const latest: Map<string, DrainRow | null> = await loadOpenDrains(db, table, runners);
  const changed = foldDrainEvents({ latest, runners: snapshots }, events);
  await saveDrainRows(db, table, changed.values());
  return changed.size;
}
