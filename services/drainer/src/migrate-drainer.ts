import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { DrainerMigrationFailedError } from './drainer-migration-failed-error';
import * as watchedPools2026120101 from './migrations/2026120101_watched_pools';

// Listed in code rather than read from a folder, so migrating works from any cwd and from bundles.
const migrations: Record<string, Migration> = {
  '2026120101_watched_pools': watchedPools2026120101,
};

const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

/**
 * Brings the drainer's own table (`drainer_watched_pools`) to the latest version. Run it after the event
 * log's `migrateToLatest`; its own migration tables keep its history apart from the other packages'.
 * @throws DrainerMigrationFailedError
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on the untyped schema, whatever the app types say
export async function migrateDrainer(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'drainer_migration',
    migrationLockTableName: 'drainer_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new DrainerMigrationFailedError(failed, { cause: error });
  }
}
