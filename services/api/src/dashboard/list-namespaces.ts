import type { Namespace } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { readModelDb } from '@rollcall/projections';
import type { Kysely } from 'kysely';

/**
 * Every namespace the read models know, by name: those with a pool (configured or with a catalog) and those
 * with a runner in the worker map (a runner may connect to a pool nobody configured).
 */
export async function listNamespaces(db: Kysely<EventLogDatabase>): Promise<Namespace[]> {
  const rows = await readModelDb(db)
    .selectFrom('pools')
    .select('namespace')
    .union((eb) => eb.selectFrom('worker_map').select('namespace'))
    .execute();
  return rows.map((row) => row.namespace).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
