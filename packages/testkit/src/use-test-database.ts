import { randomBytes } from 'node:crypto';
import { createEventLogDb, type EventLogDatabase, migrateToLatest } from '@rollcall/eventlog';
import { migrateReadModels } from '@rollcall/projections';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import './provided-context';

export interface TestDatabase {
  /** `rc_t_<8 hex>`, unique to this file (or describe block). */
  readonly name: string;
  /** Its URL, for code under test that builds its own pool. */
  readonly url: string;
  /** A pool on it, at the latest event log and read model schemas. */
  readonly db: Kysely<EventLogDatabase>;
}

/** A handle's property was read before beforeAll had created the database. */
export class TestDatabaseNotReadyError extends Error {
  override readonly name = 'TestDatabaseNotReadyError';
}

async function onMaintenanceDb(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Gives the calling test file (or describe block) a database of its own: created and migrated in
 * beforeAll, its pool destroyed and the database dropped WITH (FORCE) in afterAll. Read `.db` and `.url`
 * inside tests and hooks, not at collection time.
 */
export function useTestDatabase(): TestDatabase {
  const name = `rc_t_${randomBytes(4).toString('hex')}`;
  const quoted = pg.escapeIdentifier(name);
  let ready: { url: string; db: Kysely<EventLogDatabase> } | undefined;
  const get = () => {
    if (ready === undefined) {
      throw new TestDatabaseNotReadyError(`test database ${name} is used before beforeAll created it`);
    }
    return ready;
  };

  beforeAll(async () => {
    const adminUrl = inject('databaseUrl');
    await onMaintenanceDb(adminUrl, `create database ${quoted}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = createEventLogDb({ connectionString: url.toString(), max: 5, applicationName: name });
    ready = { url: url.toString(), db };
    await migrateToLatest(db);
    await migrateReadModels(db);
  });

  afterAll(async () => {
    await ready?.db.destroy();
    ready = undefined;
    await onMaintenanceDb(inject('databaseUrl'), `drop database if exists ${quoted} with (force)`);
  });

  return {
    name,
    get url() {
      return get().url;
    },
    get db() {
      return get().db;
    },
  };
}
