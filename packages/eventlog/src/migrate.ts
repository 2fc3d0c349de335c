import type { Kysely } from 'kysely';
import { migrateSchema } from './migrate-schema';
import * as eventLog2026112301 from './migrations/2026112301_event_log';

/**
 * Brings the event log tables to the latest version. Its own migration tables keep it independent of other
 * packages that run their own kysely migrations against the same database.
 * @throws MigrationFailedError
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on the untyped schema, whatever the app types say
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  await migrateSchema(db, {
    schema: 'event log',
    migrations: { '2026112301_event_log': eventLog2026112301 },
    tablePrefix: 'eventlog',
  });
}
