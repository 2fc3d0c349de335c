import { type Kysely, sql } from 'kysely';

// Index names follow Postgres' own naming (`<table>_<columns>_idx`), as in the first migration, so a rebuild's
// shadow table (`CREATE TABLE ... LIKE ... INCLUDING ALL`) gets names the swap can rename back.

// biome-ignore lint/suspicious/noExplicitAny: a migration must keep working when today's table types change
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('drains')
    .addColumn('id', 'bigint', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('runner_id', 'text', (c) => c.notNull())
    .addColumn('pool', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('server_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('superseded_by', 'integer')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('deadline', 'timestamptz', (c) => c.notNull())
    .addColumn('phase', 'text', (c) =>
      c.notNull().check(sql`phase IN ('draining', 'stopping', 'stopped', 'forced', 'lost', 'undrained')`),
    )
    .addColumn('notice_position', 'bigint', (c) => c.notNull())
    .addColumn('active_sessions', 'integer', (c) => c.notNull())
    .addColumn('sessions_at', 'timestamptz', (c) => c.notNull())
    .addColumn('stop_requested_at', 'timestamptz')
    .addColumn('stop_forced', 'boolean', (c) => c.notNull())
    .addColumn('stop_reason', 'text')
    .addColumn('stop_position', 'bigint')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addColumn('updated_position', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('drains_pkey', ['id'])
    .execute();
  // The projector looks up the drain in progress of each runner an event is about.
  await db.schema
    .createIndex('drains_namespace_runner_id_idx')
    .on('drains')
    .columns(['namespace', 'runner_id'])
    .where(sql.ref('phase'), 'in', ['draining', 'stopping'])
    .execute();
  // The view lists the drains of a namespace that finished recently.
  await db.schema
    .createIndex('drains_namespace_ended_at_idx')
    .on('drains')
    .columns(['namespace', 'ended_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('drains').execute();
}
