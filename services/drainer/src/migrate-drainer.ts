import { migrateSchema } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import * as watchedPools2026120101 from './migrations/2026120101_watched_pools';

/**
 * Brings the drainer's own table (`drainer_watched_pools`) to the latest version. Run it after the event
 * log's `migrateToLatest`; its own migration tables keep its history apart from the other packages'.
 * @throws MigrationFailedError (from @rollcall/eventlog)
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on the untyped schema, whatever the app types say
export async function migrateDrainer(db: Kysely<any>): Promise<void> {
  await migrateSchema(db, {
    schema: 'drainer',
    migrations: { '2026120101_watched_pools': watchedPools2026120101 },
    tablePrefix: 'drainer',
  });
}
