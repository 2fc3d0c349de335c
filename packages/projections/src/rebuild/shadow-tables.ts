import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql, type Transaction } from 'kysely';
import { LIVE_TABLES, type ReadModelTableNames, SHADOW_TABLES } from '../read-model-tables';

const pairs = (live: ReadModelTableNames, shadow: ReadModelTableNames) =>
  [
    [live.workerMap, shadow.workerMap],
    [live.pools, shadow.pools],
    [live.drains, shadow.drains],
  ] as const;

/**
 * Fresh, empty shadow copies of the read model tables (columns, defaults, checks and indexes), left over ones
 * from an interrupted rebuild dropped first. Logged from the start: the rebuild's write-back cache writes most
 * rows once, so an unlogged table would save little and cost a full rewrite when set logged.
 */
export async function createShadowTables(db: Kysely<EventLogDatabase>): Promise<void> {
  await dropShadowTables(db);
  for (const [live, shadow] of pairs(LIVE_TABLES, SHADOW_TABLES)) {
    await sql`CREATE TABLE ${sql.table(shadow)} (LIKE ${sql.table(live)} INCLUDING ALL)`.execute(db);
  }
}

/** Fresh planner statistics, so the first queries after the swap are planned for the rebuilt contents. */
export async function analyzeShadowTables(db: Kysely<EventLogDatabase>): Promise<void> {
  for (const [, shadow] of pairs(LIVE_TABLES, SHADOW_TABLES)) {
    await sql`ANALYZE ${sql.table(shadow)}`.execute(db);
  }
}

export async function dropShadowTables(db: Kysely<EventLogDatabase>): Promise<void> {
  for (const [, shadow] of pairs(LIVE_TABLES, SHADOW_TABLES)) {
    await sql`DROP TABLE IF EXISTS ${sql.table(shadow)}`.execute(db);
  }
}

/**
 * Locks the live tables, worker_map, then pools, then drains: the projector and multi-table readers touch them
 * in this order, so waiting for them cannot deadlock. In-flight projector batches and readers finish first; new ones wait
 * for the swap's commit and then see the new tables.
 */
export async function lockLiveTables(trx: Transaction<EventLogDatabase>): Promise<void> {
  await sql`LOCK TABLE ${sql.table(LIVE_TABLES.workerMap)}, ${sql.table(LIVE_TABLES.pools)}, ${sql.table(LIVE_TABLES.drains)} IN ACCESS EXCLUSIVE MODE`.execute(
    trx,
  );
}

/**
 * Replaces each live table by its shadow, inside the caller's transaction (which holds `lockLiveTables`).
 * The shadow's indexes were named after the shadow by `LIKE ... INCLUDING ALL`; they get the live names back.
 */
export async function swapShadowTables(trx: Transaction<EventLogDatabase>): Promise<void> {
  for (const [live, shadow] of pairs(LIVE_TABLES, SHADOW_TABLES)) {
    await sql`DROP TABLE ${sql.table(live)}`.execute(trx);
    await sql`ALTER TABLE ${sql.table(shadow)} RENAME TO ${sql.table(live)}`.execute(trx);
    const { rows } = await sql<{ indexname: string }>`
      SELECT indexname FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = ${live} AND starts_with(indexname, ${shadow})`.execute(
      trx,
    );
    for (const { indexname } of rows) {
      const renamed = live + indexname.slice(shadow.length);
      await sql`ALTER INDEX ${sql.id(indexname)} RENAME TO ${sql.id(renamed)}`.execute(trx);
    }
  }
}
