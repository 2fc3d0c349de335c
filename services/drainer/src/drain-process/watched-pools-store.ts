import type { PoolRef } from '@rollcall/domain';
import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely, Transaction } from 'kysely';
import type { DrainerTables } from './watched-pools-table';

/** The pools recorded with a drain in progress, by namespace and pool. */
export async function listWatchedPools(db: Kysely<EventLogDatabase>): Promise<PoolRef[]> {
  return db
    .withTables<DrainerTables>()
    .selectFrom('drainer_watched_pools')
    .select(['namespace', 'pool'])
    .orderBy('namespace')
    .orderBy('pool')
    .execute();
}

/** Replaces the recorded pools with `pools`; in the transaction that moves the checkpoint. */
export async function replaceWatchedPools(
  trx: Transaction<EventLogDatabase>,
  pools: readonly PoolRef[],
): Promise<void> {
  const table = trx.withTables<DrainerTables>();
  await table.deleteFrom('drainer_watched_pools').execute();
  if (pools.length === 0) return;
  await table
    .insertInto('drainer_watched_pools')
    .values(pools.map(({ namespace, pool }) => ({ namespace, pool })))
    .execute();
}
