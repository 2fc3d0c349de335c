import type { TestDatabase } from '@rollcall/testkit';
import type { Kysely } from 'kysely';
import { afterAll } from 'vitest';
import { createEventLogDb } from '../create-event-log-db';
import type { EventLogDatabase } from '../tables';

/** Pools of their own on the test database, standing for other replicas; destroyed in afterAll. */
export function useReplicaPools(test: TestDatabase): () => Kysely<EventLogDatabase> {
  const pools: Kysely<EventLogDatabase>[] = [];
  afterAll(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.destroy()));
  });
  return () => {
    const pool = createEventLogDb({ connectionString: test.url, max: 5 });
    pools.push(pool);
    return pool;
  };
}
