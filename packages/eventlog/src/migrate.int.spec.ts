import { randomBytes } from 'node:crypto';
import { useTestDatabase } from '@rollcall/testkit';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createEventLogDb } from './create-event-log-db';
import { MigrationFailedError } from './errors';
import { migrateToLatest } from './migrate';

describe('migrateToLatest', () => {
  const test = useTestDatabase();

  it('creates the four tables and is a no-op when run again', async () => {
    await migrateToLatest(test.db);
    const { rows } = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_name IN ('events', 'streams', 'checkpoints', 'dead_letters')
      ORDER BY table_name`.execute(test.db);
    expect(rows.map((r) => r.table_name)).toEqual(['checkpoints', 'dead_letters', 'events', 'streams']);
  });

  it('throws MigrationFailedError naming the migration, with the cause, when the schema is in the way', async () => {
    const name = `rc_t_${randomBytes(4).toString('hex')}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: inject('databaseUrl') });
      await client.connect();
      await client.query(statement).finally(() => client.end());
    };
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(inject('databaseUrl'));
    url.pathname = `/${name}`;
    const db = createEventLogDb({ connectionString: url.toString(), max: 1 });
    try {
      await sql`CREATE TABLE events (something int)`.execute(db);

      const error = await migrateToLatest(db).then(
        () => null,
        (failure: unknown) => failure,
      );

      expect(error).toBeInstanceOf(MigrationFailedError);
      expect(error).toMatchObject({
        schema: 'event log',
        failedMigration: '2026112301_event_log',
        message: 'event log migration 2026112301_event_log failed',
        cause: expect.any(Error),
      });
    } finally {
      await db.destroy();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
