import pg from 'pg';
import { stockTypes } from './pg-parsers';
import {
  RUNNER_CONNECTED,
  type RunnerConnectedData,
  runnerConnectedSql,
  SEED_STREAM_SIZE,
} from './runner-connected';
import type { ReadRange, StoreOptions, StoreUnderTest } from './store-under-test';

const createTable = `CREATE TABLE IF NOT EXISTS raw_events (
  id             bigserial   PRIMARY KEY,
  stream_name    text        NOT NULL,
  stream_version bigint      NOT NULL,
  type           text        NOT NULL,
  data           jsonb       NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now()
)`;

const seed = `INSERT INTO raw_events (stream_name, stream_version, type, data)
SELECT 'runner-seed' || ((n - 1) / ${SEED_STREAM_SIZE}), (n - 1) % ${SEED_STREAM_SIZE} + 1, '${RUNNER_CONNECTED}', ${runnerConnectedSql}
FROM generate_series(1, $1::int) AS n`;

const readPage = `SELECT id, stream_name, stream_version, type, data, recorded_at
FROM raw_events WHERE id > $1 ORDER BY id LIMIT $2`;

/** Statement text per batch size: `VALUES ($1, $2, $3, $4), ($5, ...)`. */
const insertStatements = new Map<number, string>();

function insertStatement(rows: number): string {
  let text = insertStatements.get(rows);
  if (text === undefined) {
    const tuples = Array.from(
      { length: rows },
      (_, i) => `($${4 * i + 1}, $${4 * i + 2}, $${4 * i + 3}, $${4 * i + 4})`,
    );
    text = `INSERT INTO raw_events (stream_name, stream_version, type, data) VALUES ${tuples.join(', ')}`;
    insertStatements.set(rows, text);
  }
  return text;
}

/**
 * The physical reference: plain parameterized INSERTs into one table with a jsonb column and keyset SELECTs,
 * with no version check, no idempotency and no secondary index: what Postgres does at the least.
 */
export async function openRawStore(options: StoreOptions): Promise<StoreUnderTest> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize,
    application_name: 'bench-raw',
    types: stockTypes,
  });
  // An idle connection cut by the run's final DROP DATABASE ... WITH (FORCE) must not crash the process.
  pool.on('error', () => {});
  await pool.query(createTable);
  return {
    name: 'raw',
    reset: async () => {
      await pool.query('TRUNCATE raw_events RESTART IDENTITY');
    },
    append: async (streamName, version, events) => {
      const values: unknown[] = [];
      events.forEach((data: RunnerConnectedData, i) => {
        values.push(streamName, version + BigInt(i + 1), RUNNER_CONNECTED, JSON.stringify(data));
      });
      await pool.query(insertStatement(events.length), values);
    },
    seed: async (count) => {
      await pool.query(seed, [count]);
    },
    read: async (range: ReadRange, visit) => {
      let after = range.after;
      let left = range.count;
      while (left > 0) {
        const { rows } = await pool.query<{ id: string; data: unknown }>(readPage, [
          after,
          Math.min(range.pageSize, left),
        ]);
        const last = rows.at(-1);
        if (last === undefined) break;
        for (const row of rows) visit(row.data);
        left -= rows.length;
        after = BigInt(last.id);
      }
    },
    close: () => pool.end(),
  };
}
