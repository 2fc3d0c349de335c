import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';

interface HeadRow {
  head: string | null;
  next_xid: string;
}

/**
 * A global position up to which the log is settled: every position at or below it is committed or will
 * never appear. It is the visible head once every transaction that could still hold a position below it has
 * finished. An append takes its transaction id before its positions, so such a transaction has an id below
 * the next id read right after the head's snapshot; this waits until no transaction of this database with
 * a lower id is running. Run it on a Kysely, not inside a transaction.
 */
export async function settledHead(db: Kysely<EventLogDatabase>, signal: AbortSignal): Promise<bigint> {
  const {
    rows: [row],
  } = await sql<HeadRow>`
    SELECT (SELECT max(global_position) FROM events)::text AS head, (${nextXid})::text AS next_xid
    FROM pg_current_snapshot() AS s`.execute(db);
  const head = BigInt(row?.head ?? 0);
  const next = row?.next_xid ?? '0';
  let delayMs = 2;
  while (!signal.aborted && !(await settled(db, next))) {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    delayMs = Math.min(delayMs * 2, 100);
  }
  return head;
}

// The next transaction id, read without taking one: age() counts from it (the eventlog's readers do the same).
const nextXid = sql`pg_snapshot_xmin(s)::text::int8 + age(pg_snapshot_xmin(s)::xid)`;

/**
 * No transaction of this database with an id below `next` is running. Scoped to the database rather than
 * the snapshot's xmin, which any long transaction anywhere in the cluster holds back. `age(xid) > now - next`
 * says `xid < next` without mixing 32-bit and epoch-extended ids.
 */
async function settled(db: Kysely<EventLogDatabase>, next: string): Promise<boolean> {
  const {
    rows: [row],
  } = await sql<{ settled: boolean }>`
    WITH now AS (SELECT ${nextXid} AS next_xid FROM pg_current_snapshot() AS s)
    SELECT NOT EXISTS (
      SELECT FROM pg_stat_activity AS a, now
      WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL
        AND age(a.backend_xid) > now.next_xid - ${next}::int8
    ) AND NOT EXISTS (
      SELECT FROM pg_prepared_xacts AS p, now
      WHERE p.database = current_database() AND age(p.transaction) > now.next_xid - ${next}::int8
    ) AS settled`.execute(db);
  return row?.settled === true;
}
