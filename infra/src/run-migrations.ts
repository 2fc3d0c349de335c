import { createEventLogDb, migrateToLatest } from '@rollcall/eventlog';

/** Brings the database at `databaseUrl` to the latest schema; throws MigrationFailedError if it cannot. */
export async function runMigrations(databaseUrl: string): Promise<void> {
  const db = createEventLogDb({ connectionString: databaseUrl, max: 1, applicationName: 'rollcall-migrate' });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}
