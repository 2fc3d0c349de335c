import { type EventLogDatabase, transactionsFinishedBelow } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';

interface HeadRow {
  head: string | null;
  next_xid: string;
}

/**
 * A global position up to which the log is settled: every position at or below it is committed or will
 * never appear. It is the visible head once every transaction that could still hold a position below it has
 * finished. An append takes its transaction id before its positions, so such a transaction has an id below
 * the next id read right after the head's snapshot; this waits until every transaction of this database with
 * a lower id has finished (`transactionsFinishedBelow`). Run it on a Kysely, not inside a transaction.
 */
export async function settledHead(db: Kysely<EventLogDatabase>, signal: AbortSignal): Promise<bigint> {
  const {
    rows: [row],
  } = await sql<HeadRow>`
    SELECT (SELECT max(global_position) FROM events)::text AS head, (${nextXid})::text AS next_xid
    FROM pg_current_snapshot() AS s`.execute(db);
  const head = BigInt(row?.head ?? 0);
  const next = BigInt(row?.next_xid ?? 0);
  let delayMs = 2;
  // The check runs before the reads of the positions up to `head`, so they see whatever those writers committed.
  while (!signal.aborted && !(await transactionsFinishedBelow(db, next))) {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    delayMs = Math.min(delayMs * 2, 100);
  }
  return head;
}

// The next transaction id, read without taking one: age() counts from it (the eventlog's readers do the same).
const nextXid = sql`pg_snapshot_xmin(s)::text::int8 + age(pg_snapshot_xmin(s)::xid)`;
