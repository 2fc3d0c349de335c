import { randomUUID } from 'node:crypto';
import { append, createEventLogDb, migrateToLatest, NO_STREAM, readAll } from '@rollcall/eventlog';
import { sql } from 'kysely';
import { RUNNER_CONNECTED, runnerConnectedSql, SEED_STREAM_SIZE } from './runner-connected';
import type { StoreOptions, StoreUnderTest } from './store-under-test';

// Seeding only: raw SQL into the event log's own tables (append would be the measured path; a million rows
// through it would take minutes). Defaults fill position, recorded_at and transaction_id as an append would.
const seedEvents = (
  count: number,
) => sql`INSERT INTO events (event_id, stream_name, category, stream_version, type, data)
SELECT gen_random_uuid(), 'runner-seed' || ((n - 1) / ${sql.lit(SEED_STREAM_SIZE)}), 'runner',
  (n - 1) % ${sql.lit(SEED_STREAM_SIZE)} + 1, ${sql.lit(RUNNER_CONNECTED)}, ${sql.raw(runnerConnectedSql)}
FROM generate_series(1, ${count}::int) AS n`;

/** Rollcall's event log through @rollcall/eventlog's public API: `append` with an expected version and `readAll`. */
export async function openRollcallStore(options: StoreOptions): Promise<StoreUnderTest> {
  const db = createEventLogDb({
    connectionString: options.connectionString,
    max: options.poolSize,
    applicationName: 'bench-rollcall',
  });
  await migrateToLatest(db);
  return {
    name: 'rollcall',
    reset: async () => {
      await sql`TRUNCATE events, streams RESTART IDENTITY`.execute(db);
    },
    append: async (streamName, version, events) => {
      await append(db, {
        streamName,
        expectedVersion: version === 0n ? NO_STREAM : version,
        events: events.map((data) => ({ eventId: randomUUID(), type: RUNNER_CONNECTED, data })),
      });
    },
    seed: async (count) => {
      await seedEvents(count).execute(db);
      await sql`INSERT INTO streams (stream_name, version)
        SELECT stream_name, max(stream_version) FROM events GROUP BY stream_name`.execute(db);
    },
    read: async (range, visit) => {
      for await (const event of readAll(db, {
        after: range.after,
        to: range.after + BigInt(range.count),
        pageSize: range.pageSize,
      })) {
        visit(event.data);
      }
    },
    close: () => db.destroy(),
  };
}
