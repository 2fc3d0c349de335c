import type { Namespace, PoolEventType, PoolName, WorkerMapRow } from '@rollcall/contracts';
import { poolStream } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';
import { READ_MODELS_SUBSCRIPTION } from '../read-models-subscription';
import { selectWorkerMapRows, toWorkerMapRow } from './worker-map-query';

export interface PlaceSessionInput {
  namespace: Namespace;
  pool: PoolName;
}

/** Events after which a runner must not get a new session, whatever the worker map says yet. */
const TAKES_NO_SESSIONS: readonly PoolEventType[] = [
  'RunnerDrainRequested',
  'RunnerStopRequested',
  'RunnerStopped',
  'RunnerLost',
];

const effectiveSessions = sql<number>`CASE WHEN l.last_seen_at >= w.last_seen_at THEN l.active_sessions ELSE w.active_sessions END`;

/**
 * Picks a runner of the pool for a new session: active, no drain, a free slot, least loaded first (then most
 * free slots, then runner id). Null when none qualifies.
 *
 * It never returns a runner whose drain is recorded in the log, even while the projector lags: runners with a
 * drain, stop or loss in the pool's stream above the projector's checkpoint (the part of the log not folded
 * into worker_map yet) are left out. Both are read in the same statement, so the worker map and the
 * checkpoint it was committed with come from one snapshot.
 */
export async function placeSession(
  db: Kysely<EventLogDatabase>,
  { namespace, pool }: PlaceSessionInput,
): Promise<WorkerMapRow | null> {
  const unprojectedStops = sql`
    SELECT e.data->>'runnerId' FROM events e
    WHERE e.category = 'pool'
      AND e.global_position > coalesce(
        (SELECT position FROM checkpoints WHERE consumer = ${READ_MODELS_SUBSCRIPTION}), 0)
      AND e.stream_name = ${poolStream(namespace, pool)}
      AND e.type = ANY(${TAKES_NO_SESSIONS}::text[])
      AND e.data ? 'runnerId'`;
  const row = await selectWorkerMapRows(db)
    .where('w.namespace', '=', namespace)
    .where('w.pool', '=', pool)
    .where('w.status', '=', 'active')
    .where('w.drain', 'is', null)
    .where(sql<boolean>`${effectiveSessions} < w.slots`)
    .where(sql<boolean>`w.runner_id NOT IN (${unprojectedStops})`)
    .orderBy(sql`${effectiveSessions}::float8 / w.slots`)
    .orderBy(sql`w.slots - ${effectiveSessions}`, 'desc')
    .orderBy('w.runner_id')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : toWorkerMapRow(row);
}
