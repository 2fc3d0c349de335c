import type { EventLogDatabase } from '@rollcall/eventlog';
import { readModelDb } from '@rollcall/projections';
import type { Kysely } from 'kysely';

/** The pool a runner last connected to, or null when the registry never saw it connect. */
export async function runnerPool(
  db: Kysely<EventLogDatabase>,
  { namespace, runnerId }: { namespace: string; runnerId: string },
): Promise<string | null> {
  const row = await readModelDb(db)
    .selectFrom('runner_liveness')
    .select('pool')
    .where('namespace', '=', namespace)
    .where('runner_id', '=', runnerId)
    .executeTakeFirst();
  return row?.pool ?? null;
}
