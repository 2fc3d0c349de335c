import { migrateSchema } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import * as readModels2026112401 from './migrations/2026112401_read_models';
import * as drains2026120201 from './migrations/2026120201_drains';

/**
 * Brings the read model tables (`worker_map`, `pools`, `runner_liveness`, `drains`) to the latest version. Run it after
 * the event log's `migrateToLatest`; its own migration tables keep the two histories apart.
 * @throws MigrationFailedError (from @rollcall/eventlog)
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on the untyped schema, whatever the app types say
export async function migrateReadModels(db: Kysely<any>): Promise<void> {
  await migrateSchema(db, {
    schema: 'read model',
    migrations: {
      '2026112401_read_models': readModels2026112401,
      '2026120201_drains': drains2026120201,
    },
    tablePrefix: 'read_models',
  });
}
