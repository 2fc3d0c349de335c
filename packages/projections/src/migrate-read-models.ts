import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as readModels2026112401 from './migrations/2026112401_read_models';
import * as drains2026120201 from './migrations/2026120201_drains';
import { ReadModelsMigrationFailedError } from './read-models-migration-failed-error';

// Listed in code rather than read from a folder, so migrating works from any cwd and from bundles.
const migrations: Record<string, Migration> = {
  '2026112401_read_models': readModels2026112401,
  '2026120201_drains': drains2026120201,
};

const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

/**
 * Brings the read model tables (`worker_map`, `pools`, `runner_liveness`, `drains`) to the latest version. Run it after
 * the event log's `migrateToLatest`; its own migration tables keep the two histories apart.
 * @throws ReadModelsMigrationFailedError
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on the untyped schema, whatever the app types say
export async function migrateReadModels(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'read_models_migration',
    migrationLockTableName: 'read_models_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new ReadModelsMigrationFailedError(failed, { cause: error });
  }
}
