import type { Namespace, PoolName, RunnerId } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';

export interface LivenessBeat {
  namespace: Namespace;
  runnerId: RunnerId;
  pool: PoolName;
  activeSessions: number;
  /** When the heartbeat was received. */
  seenAt: Date;
}

/**
 * Records heartbeats in `runner_liveness` (architecture rule 6: liveness is not an event), in one statement
 * for the whole batch. A beat older than the one stored is ignored, so batches may land out of order.
 */
export async function recordLiveness(
  db: Kysely<EventLogDatabase>,
  beats: readonly LivenessBeat[],
): Promise<void> {
  // One row per runner: an upsert may not touch the same row twice.
  const latest = new Map<string, LivenessBeat>();
  for (const beat of beats) {
    const key = `${beat.namespace}/${beat.runnerId}`;
    const stored = latest.get(key);
    if (stored === undefined || beat.seenAt >= stored.seenAt) latest.set(key, beat);
  }
  if (latest.size === 0) return;
  const records = Array.from(latest.values(), (beat) => ({
    namespace: beat.namespace,
    runner_id: beat.runnerId,
    pool: beat.pool,
    active_sessions: beat.activeSessions,
    last_seen_at: beat.seenAt.toISOString(),
  }));
  await sql`
    INSERT INTO runner_liveness AS t (namespace, runner_id, pool, active_sessions, last_seen_at)
    SELECT namespace, runner_id, pool, active_sessions, last_seen_at
    FROM jsonb_populate_recordset(NULL::runner_liveness, ${JSON.stringify(records)}::jsonb)
    ON CONFLICT (namespace, runner_id) DO UPDATE SET
      pool = excluded.pool, active_sessions = excluded.active_sessions, last_seen_at = excluded.last_seen_at
    WHERE excluded.last_seen_at >= t.last_seen_at`.execute(db);
}
