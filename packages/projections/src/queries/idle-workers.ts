import type { Namespace, PoolName, WorkerMapRow } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';
import { selectWorkerMapRows, toWorkerMapRow } from './worker-map-query';

export interface IdleWorkersInput {
  namespace: Namespace;
  pool?: PoolName | undefined;
  /** Idle for at least this long. */
  olderThanSeconds: number;
  /** The caller's clock. */
  now: Date;
}

/**
 * Active runners (draining ones excluded) that have held no session for at least `olderThanSeconds`, the
 * longest idle first: candidates for scaling down. A newer heartbeat reporting sessions keeps a runner out.
 */
export async function idleWorkers(
  db: Kysely<EventLogDatabase>,
  { namespace, pool, olderThanSeconds, now }: IdleWorkersInput,
): Promise<WorkerMapRow[]> {
  const cutoff = new Date(now.getTime() - olderThanSeconds * 1000);
  let query = selectWorkerMapRows(db)
    .where('w.namespace', '=', namespace)
    .where('w.status', '=', 'active')
    .where('w.drain', 'is', null)
    .where('w.idle_since', '<=', cutoff)
    .where(sql<boolean>`NOT coalesce(l.last_seen_at > w.last_seen_at AND l.active_sessions > 0, false)`);
  if (pool !== undefined) query = query.where('w.pool', '=', pool);
  const rows = await query.orderBy('w.idle_since').orderBy('w.runner_id').execute();
  return rows.map(toWorkerMapRow);
}
