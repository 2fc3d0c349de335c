import type { Namespace, RunnerId, WorkerMapRow } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { selectWorkerMapRows, toWorkerMapRow } from './worker-map-query';

export interface GetWorkerInput {
  namespace: Namespace;
  runnerId: RunnerId;
}

/** One runner of the worker map (stopped and lost ones included), or null when the map never saw it. */
export async function getWorker(
  db: Kysely<EventLogDatabase>,
  { namespace, runnerId }: GetWorkerInput,
): Promise<WorkerMapRow | null> {
  const row = await selectWorkerMapRows(db)
    .where('w.namespace', '=', namespace)
    .where('w.runner_id', '=', runnerId)
    .executeTakeFirst();
  return row === undefined ? null : toWorkerMapRow(row);
}
