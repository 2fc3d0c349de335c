import { type Kysely, sql } from 'kysely';

// Index names follow Postgres' own naming (`<table>_<columns>_idx`), which is also what `CREATE TABLE ... LIKE
// ... INCLUDING ALL` gives a rebuild's shadow table: the swap renames them back by swapping the table prefix.

// biome-ignore lint/suspicious/noExplicitAny: a migration must keep working when today's table types change
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('worker_map')
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('runner_id', 'text', (c) => c.notNull())
    .addColumn('pool', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('build', 'text')
    .addColumn('server_id', 'text', (c) => c.notNull())
    .addColumn('labels', 'jsonb', (c) => c.notNull())
    .addColumn('slots', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('active', 'draining', 'stopping', 'stopped', 'lost')`),
    )
    .addColumn('active_sessions', 'integer', (c) => c.notNull())
    .addColumn('idle_since', 'timestamptz')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('drain', 'jsonb')
    .addColumn('updated_position', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('worker_map_pkey', ['namespace', 'runner_id'])
    .execute();
  await db.schema
    .createIndex('worker_map_namespace_pool_status_idx')
    .on('worker_map')
    .columns(['namespace', 'pool', 'status'])
    .execute();
  await db.schema
    .createIndex('worker_map_namespace_server_id_idx')
    .on('worker_map')
    .columns(['namespace', 'server_id'])
    .execute();

  await db.schema
    .createTable('pools')
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('pool', 'text', (c) => c.notNull())
    .addColumn('config', 'jsonb')
    .addColumn('latest_version', 'integer')
    .addColumn('catalog', 'jsonb', (c) => c.notNull())
    .addColumn('updated_position', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('pools_pkey', ['namespace', 'pool'])
    .execute();

  await db.schema
    .createTable('runner_liveness')
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('runner_id', 'text', (c) => c.notNull())
    .addColumn('pool', 'text', (c) => c.notNull())
    .addColumn('active_sessions', 'integer', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('runner_liveness_pkey', ['namespace', 'runner_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('runner_liveness').execute();
  await db.schema.dropTable('pools').execute();
  await db.schema.dropTable('worker_map').execute();
}
