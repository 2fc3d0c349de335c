import type { Namespace, PoolName } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { readModelDb } from '../read-model-database';
import { LIVE_STATUSES } from './worker-map-query';

export interface CountWorkersInput {
  namespace: Namespace;
  pool?: PoolName | undefined;
}

/** Runners in service (active, draining or stopping) in the namespace, or in one of its pools. */
export async function countWorkers(
  db: Kysely<EventLogDatabase>,
  { namespace, pool }: CountWorkersInput,
): Promise<number> {
  let query = readModelDb(db)
    .selectFrom('worker_map')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('namespace', '=', namespace)
    .where('status', 'in', LIVE_STATUSES);
  if (pool !== undefined) query = query.where('pool', '=', pool);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}
