import type { Namespace, PoolName, ServerId, WorkerMapRow, WorkerStatus } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';
import { selectWorkerMapRows, toWorkerMapRow } from './worker-map-query';

export interface ListWorkersInput {
  namespace: Namespace;
  pool?: PoolName | undefined;
  /** true: only runners that may take a session (active, no drain); false: only the others. */
  available?: boolean | undefined;
  serverId?: ServerId | undefined;
  status?: WorkerStatus | undefined;
}

/** The worker map of a namespace (stopped and lost runners included unless filtered), by pool then runner id. */
export async function listWorkers(
  db: Kysely<EventLogDatabase>,
  { namespace, pool, available, serverId, status }: ListWorkersInput,
): Promise<WorkerMapRow[]> {
  let query = selectWorkerMapRows(db).where('w.namespace', '=', namespace);
  if (pool !== undefined) query = query.where('w.pool', '=', pool);
  if (serverId !== undefined) query = query.where('w.server_id', '=', serverId);
  if (status !== undefined) query = query.where('w.status', '=', status);
  if (available === true) query = query.where('w.status', '=', 'active').where('w.drain', 'is', null);
  if (available === false) {
    query = query.where((eb) => eb.or([eb('w.status', '!=', 'active'), eb('w.drain', 'is not', null)]));
  }
  const rows = await query.orderBy(sql`w.pool COLLATE "C"`).orderBy(sql`w.runner_id COLLATE "C"`).execute();
  return rows.map(toWorkerMapRow);
}
