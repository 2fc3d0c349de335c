import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createEventLogDb } from '../create-event-log-db';
import { migrateToLatest } from '../migrate';
import type { EventLogDatabase } from '../tables';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly connectionString: string;
  readonly db: Kysely<EventLogDatabase>;
  /** Another pool on the same database, standing for a second replica; destroyed in afterAll. */
  newDb(): Kysely<EventLogDatabase>;
}

/**
 * A migrated database of its own for the calling spec file, dropped after it. Stands in until
 * `@rollcall/testkit`'s useTestDatabase lands.
 */
export function useTestDatabase(): TestDatabase {
  const name = `eventlog_test_${randomUUID().replaceAll('-', '')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connectionString = url.toString();
  const pools: Kysely<EventLogDatabase>[] = [];
  let db: Kysely<EventLogDatabase> | undefined;
  const newDb = () => {
    const another = createEventLogDb({ connectionString, max: 5 });
    pools.push(another);
    return another;
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    db = newDb();
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.destroy()));
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  return {
    connectionString,
    get db() {
      if (db === undefined) throw new Error('the test database exists only once beforeAll ran');
      return db;
    },
    newDb,
  };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
