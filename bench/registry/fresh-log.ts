import { createEventLogDb, type EventLogDatabase, migrateToLatest } from '@rollcall/eventlog';
import { migrateReadModels } from '@rollcall/projections';
import type { Kysely } from 'kysely';
import { createBenchDatabase } from '../bench-database';

export interface FreshLog {
  readonly connectionString: string;
  readonly db: Kysely<EventLogDatabase>;
}

/**
 * A database of its own for one measurement, with the event log and read models migrated, dropped after
 * `work` whatever happens: a run never sees the previous run's tables grow under it.
 */
export async function withFreshLog<T>(
  serverConnectionString: string,
  work: (log: FreshLog) => Promise<T>,
): Promise<T> {
  const database = await createBenchDatabase(serverConnectionString);
  const db = createEventLogDb({ connectionString: database.connectionString, applicationName: 'bench' });
  try {
    await migrateToLatest(db);
    await migrateReadModels(db);
    return await work({ connectionString: database.connectionString, db });
  } finally {
    await db.destroy();
    await database.drop();
  }
}
