import type { IsoTimestamp, Namespace, PoolName, RunnerId } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';
import { LIVE_STATUSES } from '../queries/worker-map-query';
import { readModelDb } from '../read-model-database';

export interface SilentWorkersInput {
  /** Runners last seen before this instant (by heartbeat or by the log) are silent. */
  silentSince: Date;
  /** Most rows returned, oldest silence first. @default 1000 */
  limit?: number;
}

export interface SilentWorker {
  namespace: Namespace;
  pool: PoolName;
  runnerId: RunnerId;
  lastSeenAt: IsoTimestamp;
}

/**
 * Runners in service (active, draining or stopping) across namespaces that have given no sign of life since
 * `silentSince`: the candidates for `RunnerLost`.
 */
export async function silentWorkers(
  db: Kysely<EventLogDatabase>,
  { silentSince, limit = 1000 }: SilentWorkersInput,
): Promise<SilentWorker[]> {
  const lastSeen = sql<Date>`GREATEST(w.last_seen_at, l.last_seen_at)`;
  const rows = await readModelDb(db)
    .selectFrom('worker_map as w')
    .leftJoin('runner_liveness as l', (join) =>
      join.onRef('l.namespace', '=', 'w.namespace').onRef('l.runner_id', '=', 'w.runner_id'),
    )
    .select(['w.namespace', 'w.pool', 'w.runner_id', lastSeen.as('last_seen_at')])
    .where('w.status', 'in', LIVE_STATUSES)
    .where(sql<boolean>`${lastSeen} < ${silentSince}`)
    .orderBy(lastSeen)
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    namespace: row.namespace,
    pool: row.pool,
    runnerId: row.runner_id,
    lastSeenAt: row.last_seen_at.toISOString(),
  }));
}
