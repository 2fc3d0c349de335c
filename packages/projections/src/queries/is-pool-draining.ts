import type { Namespace, PoolName } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { readModelDb } from '../read-model-database';

export interface IsPoolDrainingInput {
  namespace: Namespace;
  pool: PoolName;
}

/** Some runner of the pool has a drain in progress: draining, or stopping after a drain. */
export async function isPoolDraining(
  db: Kysely<EventLogDatabase>,
  { namespace, pool }: IsPoolDrainingInput,
): Promise<boolean> {
  const row = await readModelDb(db)
    .selectFrom('worker_map')
    .select('runner_id')
    .where('namespace', '=', namespace)
    .where('pool', '=', pool)
    .where('status', 'in', ['draining', 'stopping'])
    .where('drain', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
