import { randomBytes } from 'node:crypto';
import { useTestDatabase } from '@rollcall/testkit';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEventLogDb } from './create-event-log-db';
import type { EventLogDatabase } from './tables';
import { type HeldTransaction, holdTransactionInOtherDatabase } from './testing/other-database-transaction';
import { transactionsFinishedBelow } from './transactions-finished';

const test = useTestDatabase();
let other: HeldTransaction | undefined;
beforeAll(async () => {
  other = await holdTransactionInOtherDatabase(test);
});
afterAll(async () => {
  await other?.release();
});

/** The next transaction id, read as the readers read it when they see a gap. */
async function nextXid(db: Kysely<EventLogDatabase> = test.db): Promise<bigint> {
  const { rows } = await sql<{ next: string }>`
    SELECT (pg_snapshot_xmin(s)::text::int8 + age(pg_snapshot_xmin(s)::xid))::text AS next
    FROM pg_current_snapshot() AS s`.execute(db);
  return BigInt(rows[0]?.next ?? 0);
}

async function openWithXid(db: Kysely<EventLogDatabase> = test.db) {
  const trx = await db.startTransaction().execute();
  await sql`SELECT pg_current_xact_id()`.execute(trx);
  return trx;
}

describe('transactionsFinishedBelow', () => {
  it('leaves out a transaction open in another database, which holds back the snapshot xmin', async () => {
    const next = await nextXid();
    const { rows } = await sql<{ xmin: string }>`
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`.execute(test.db);
    expect(BigInt(rows[0]?.xmin ?? 0)).toBeLessThanOrEqual(other?.xid ?? 0n);

    expect(await transactionsFinishedBelow(test.db, next)).toBe(true);
  });

  it('is false while a transaction of this database below `next` runs, true once it has finished', async () => {
    const trx = await openWithXid();
    const next = await nextXid();
    expect(await transactionsFinishedBelow(test.db, next)).toBe(false);

    await trx.commit().execute();
    expect(await transactionsFinishedBelow(test.db, next)).toBe(true);
  });

  it('leaves out transactions of this database that took their id after `next` was read', async () => {
    const next = await nextXid();
    const trx = await openWithXid();
    try {
      expect(await transactionsFinishedBelow(test.db, next)).toBe(true);
    } finally {
      await trx.rollback().execute();
    }
  });

  it('inside a transaction block goes by the snapshot xmin alone (the activity seen there may be stale)', async () => {
    const next = await nextXid();
    await test.db.transaction().execute(async (trx) => {
      expect(await transactionsFinishedBelow(trx, next)).toBe(false);
    });
    expect(await transactionsFinishedBelow(test.db, next)).toBe(true);
  });

  describe('asked by a role with no right to other sessions’ statistics', () => {
    const role = `rc_r_${randomBytes(4).toString('hex')}`;
    let limited: Kysely<EventLogDatabase>;
    const onServer = async (statement: string) => {
      const client = new pg.Client({ connectionString: inject('databaseUrl') });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    };
    beforeAll(async () => {
      await onServer(`create role ${role} login`);
      const url = new URL(test.url);
      url.username = role;
      limited = createEventLogDb({ connectionString: url.toString(), max: 1 });
    });
    afterAll(async () => {
      await limited.destroy();
      await onServer(`drop role if exists ${role}`);
    });

    it('still sees the transaction another role runs in this database', async () => {
      const { rows } = await sql<{ hidden: string | null }>`
        SELECT query AS hidden FROM pg_stat_activity
        WHERE datname = current_database() AND usename <> current_user LIMIT 1`.execute(limited);
      expect(rows[0]?.hidden).toBe('<insufficient privilege>');
      const trx = await openWithXid();
      const next = await nextXid();
      expect(await transactionsFinishedBelow(limited, next)).toBe(false);

      await trx.commit().execute();
      expect(await transactionsFinishedBelow(limited, next)).toBe(true);
    });
  });
});
