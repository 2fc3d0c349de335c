import type { Namespace, ServerId, WorkerMapRow } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';
import { LIVE_STATUSES, selectWorkerMapRows, toWorkerMapRow } from './worker-map-query';

export interface WorkersForServerInput {
  namespace: Namespace;
  serverId: ServerId;
}

/** Runners in service (active, draining or stopping) on one server, across pools: what a server drain targets. */
export async function workersForServer(
  db: Kysely<EventLogDatabase>,
  { namespace, serverId }: WorkersForServerInput,
): Promise<WorkerMapRow[]> {
  const rows = await selectWorkerMapRows(db)
    .where('w.namespace', '=', namespace)
    .where('w.server_id', '=', serverId)
    .where('w.status', 'in', LIVE_STATUSES)
    .orderBy(sql`w.pool COLLATE "C"`)
    .orderBy(sql`w.runner_id COLLATE "C"`)
    .execute();
  return rows.map(toWorkerMapRow);
}
