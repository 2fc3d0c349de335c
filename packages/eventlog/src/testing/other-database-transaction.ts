import { randomBytes } from 'node:crypto';
import type { TestDatabase } from '@rollcall/testkit';
import pg from 'pg';
import { inject } from 'vitest';

export interface HeldTransaction {
  /** Its transaction id, epoch-extended. */
  xid: bigint;
  /** Rolls it back and drops its database. */
  release(): Promise<void>;
}

async function onMaintenanceDb(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A transaction that has taken a transaction id in another database of the test database's server, created
 * for it: like another application's long transaction on a shared server, it holds back the snapshot xmin
 * of every database there.
 */
export async function holdTransactionInOtherDatabase(test: TestDatabase): Promise<HeldTransaction> {
  const name = pg.escapeIdentifier(`${test.name}_other_${randomBytes(2).toString('hex')}`);
  await onMaintenanceDb(`create database ${name}`);
  const url = new URL(test.url);
  url.pathname = `/${name.slice(1, -1)}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query('begin');
  const { rows } = await client.query<{ xid: string }>('select pg_current_xact_id()::text as xid');
  return {
    xid: BigInt(rows[0]?.xid ?? 0),
    release: async () => {
      await client.query('rollback');
      await client.end();
      await onMaintenanceDb(`drop database if exists ${name} with (force)`);
    },
  };
}
