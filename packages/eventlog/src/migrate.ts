import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { MigrationFailedError } from './errors';
import * as eventLog2026112301 from './migrations/2026112301_event_log';

// Listed in code rather than read from a folder, so migrating works from any cwd and from bundles.
const migrations: Record<string, Migration> = {
  '2026112301_event_log': eventLog2026112301,
};

const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

/**
 * Brings the event log tables to the latest version. Its own migration tables keep it independent of other
 * packages that run their own kysely migrations against the same database.
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on the untyped schema, whatever the app types say
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'eventlog_migration',
    migrationLockTableName: 'eventlog_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationFailedError(failed, { cause: error });
  }
}
