import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';

export interface HeartbeatSeen {
  namespace: string;
  runnerId: string;
  activeSessions: number;
  /** When the heartbeat was stored in the ingest stream. */
  at: Date;
}

export interface HeartbeatRecorded {
  namespace: string;
  runnerId: string;
  pool: string;
  /** What the row said before this heartbeat. */
  previousSessions: number;
  /** False when the row already held a later heartbeat (this one came late): nothing was changed. */
  applied: boolean;
}

interface Row {
  namespace: string;
  runner_id: string;
  pool: string;
  previous_sessions: number;
  applied: boolean;
}

/**
 * Records a batch of heartbeats in one statement (rule 6: liveness, not events). Runners without a row
 * (never connected, as far as the registry knows) are left out of the result. Rows are locked in key
 * order, so two replicas writing overlapping batches wait for each other instead of deadlocking. A batch
 * must not name one runner twice.
 */
export async function recordHeartbeats(
  db: Kysely<EventLogDatabase>,
  heartbeats: readonly HeartbeatSeen[],
): Promise<HeartbeatRecorded[]> {
  if (heartbeats.length === 0) return [];
  const { rows } = await sql<Row>`
    WITH input AS (
      SELECT * FROM unnest(
        ${heartbeats.map((h) => h.namespace)}::text[], ${heartbeats.map((h) => h.runnerId)}::text[],
        ${heartbeats.map((h) => h.activeSessions)}::int4[], ${heartbeats.map((h) => h.at.toISOString())}::timestamptz[]
      ) AS i(namespace, runner_id, active_sessions, seen_at)
    ),
    previous AS (
      SELECT l.namespace, l.runner_id, l.pool, l.active_sessions, i.active_sessions AS next_sessions, i.seen_at
      FROM runner_liveness l JOIN input i ON i.namespace = l.namespace AND i.runner_id = l.runner_id
      ORDER BY l.namespace, l.runner_id
      FOR UPDATE OF l
    ),
    updated AS (
      UPDATE runner_liveness l SET active_sessions = p.next_sessions, last_seen_at = p.seen_at
      FROM previous p
      WHERE l.namespace = p.namespace AND l.runner_id = p.runner_id AND l.last_seen_at <= p.seen_at
      RETURNING l.namespace, l.runner_id
    )
    SELECT p.namespace, p.runner_id, p.pool, p.active_sessions AS previous_sessions,
      u.runner_id IS NOT NULL AS applied
    FROM previous p LEFT JOIN updated u ON u.namespace = p.namespace AND u.runner_id = p.runner_id`.execute(
    db,
  );
  return rows.map((row) => ({
    namespace: row.namespace,
    runnerId: row.runner_id,
    pool: row.pool,
    previousSessions: row.previous_sessions,
    applied: row.applied,
  }));
}
