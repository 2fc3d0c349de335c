import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must keep working when today's table types change
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('drainer_watched_pools')
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('pool', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('drainer_watched_pools_pkey', ['namespace', 'pool'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration must keep working when today's table types change
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('drainer_watched_pools').execute();
}
