import type { Kysely } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import { MigrationFailedError } from './errors';

export interface MigrateSchemaOptions {
  /** Names the tables in the error, e.g. `read model` gives "read model migration … failed". */
  schema: string;
  /** Listed in code rather than read from a folder, so migrating works from any cwd and from bundles. */
  migrations: Record<string, Migration>;
  /**
   * The migrator's own tables are `<tablePrefix>_migration` and `<tablePrefix>_migration_lock`: each package
   * keeps its own history, so packages migrating the same database stay independent.
   */
  tablePrefix: string;
}

/**
 * Brings one package's tables to their latest version.
 * @throws MigrationFailedError naming the migration that failed, with the migrator's error as `cause`
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on the untyped schema, whatever the app types say
export async function migrateSchema(db: Kysely<any>, options: MigrateSchemaOptions): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => options.migrations },
    migrationTableName: `${options.tablePrefix}_migration`,
    migrationLockTableName: `${options.tablePrefix}_migration_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationFailedError(options.schema, failed, { cause: error });
  }
}
