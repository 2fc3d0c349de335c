import { dumbo } from '@event-driven-io/dumbo';
import type { Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { emmettTypes, restoreStockParsers } from './pg-parsers';
import {
  RUNNER_CONNECTED,
  type RunnerConnectedData,
  runnerConnectedSql,
  SEED_STREAM_SIZE,
} from './runner-connected';
import type { StoreOptions, StoreUnderTest } from './store-under-test';

// Seeding only: raw SQL into Emmett's own tables, with the values its append function would write
// (metadata without messageId, which has its own column; schema version '1'; kind 'E'; the writer's xid8).
type RunnerConnected = Event<typeof RUNNER_CONNECTED, RunnerConnectedData>;

const seedMessages = `INSERT INTO emt_messages
  (stream_id, stream_position, partition, message_data, message_metadata, message_schema_version,
   message_type, message_kind, message_id, transaction_id)
SELECT 'runner-seed' || ((n - 1) / ${SEED_STREAM_SIZE}), (n - 1) % ${SEED_STREAM_SIZE} + 1, 'emt:default',
  ${runnerConnectedSql}, '{}'::jsonb, '1', '${RUNNER_CONNECTED}', 'E', gen_random_uuid()::text, pg_current_xact_id()
FROM generate_series(1, $1::int) AS n`;

const seedStreams = `INSERT INTO emt_streams (stream_id, stream_position, partition, stream_type, stream_metadata, is_archived)
SELECT stream_id, max(stream_position), 'emt:default', 'runner', '{}'::jsonb, false
FROM emt_messages GROUP BY stream_id`;

/**
 * Emmett's PostgreSQL event store (0.42) through its public API: `appendToStream` with an expected version and
 * `readMessagesBatch`, the batch reader its consumers poll with. Its pool is a pg.Pool we size and end.
 */
export async function openEmmettStore(options: StoreOptions): Promise<StoreUnderTest> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize,
    application_name: 'bench-emmett',
    types: emmettTypes,
  });
  // An idle connection cut by the run's final DROP DATABASE ... WITH (FORCE) must not crash the process.
  pool.on('error', () => {});
  const eventStore = getPostgreSQLEventStore(options.connectionString, { connectionOptions: { pool } });
  const executor = dumbo({ connectionString: options.connectionString, pool });
  restoreStockParsers();
  await eventStore.schema.migrate();
  return {
    name: 'emmett',
    reset: () => eventStore.schema.dangerous.truncate({ resetSequences: true }),
    append: async (streamName, version, events) => {
      await eventStore.appendToStream(
        streamName,
        events.map((data): RunnerConnected => ({ type: RUNNER_CONNECTED, data })),
        { expectedStreamVersion: version },
      );
    },
    seed: async (count) => {
      // A connection of its own: Emmett's migration leaves `statement_timeout = 10s` set on the pooled connection
      // it used (dumbo never resets it), and seeding a million rows takes longer than that.
      const client = new pg.Client({ connectionString: options.connectionString });
      await client.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
        await client.query(seedMessages, [count]);
        await client.query(seedStreams);
        await client.query('COMMIT');
        await untilVisible(client, rows[0]?.xid ?? '0');
      } finally {
        await client.end();
      }
    },
    read: async (range, visit) => {
      let after = range.after;
      let left = range.count;
      while (left > 0) {
        const batch = await readMessagesBatch(executor.execute, {
          after,
          batchSize: Math.min(range.pageSize, left),
        });
        if (batch.messages.length === 0) break;
        for (const message of batch.messages) visit(message.data);
        left -= batch.messages.length;
        after = batch.currentGlobalPosition;
      }
    },
    close: async () => {
      await eventStore.close();
      await pool.end();
    },
  };
}

/**
 * Emmett's reader only returns rows whose transaction id is below the xmin of its snapshot, and that xmin is
 * cluster-wide: while any older transaction is open anywhere on the server (another database's tests, say),
 * the seed stays invisible. Wait for it, or the timed reads would find nothing.
 */
async function untilVisible(client: pg.Client, xid: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ visible: boolean }>(
      'SELECT $1::xid8 < pg_snapshot_xmin(pg_current_snapshot()) AS visible',
      [xid],
    );
    if (rows[0]?.visible === true) return;
    if (Date.now() > deadline) throw new EmmettSeedInvisibleError(xid, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export class EmmettSeedInvisibleError extends Error {
  override readonly name = 'EmmettSeedInvisibleError';
  constructor(
    readonly xid: string,
    readonly timeoutMs: number,
  ) {
    super(`Emmett's seed (transaction ${xid}) stayed below an open transaction's xmin for ${timeoutMs} ms`);
  }
}
