import { type Kysely, sql } from 'kysely';
import type { EventLogDatabase } from './tables';

export interface NewDeadLetter {
  /** Where it came from, e.g. `nats:rollcall.v1.acme.runner.connected` or `subscription:worker-map`. */
  source: string;
  /** De-duplication key within the source: a message id, an event id or a hash of the payload. */
  key: string;
  /** The input as received, so it can be inspected and replayed. */
  payload: string;
  /** A human message naming the offending field. */
  error: string;
  /** Structured validation issues (e.g. zod issues with their paths). */
  issues?: readonly unknown[];
}

export interface DeadLetter {
  id: bigint;
  source: string;
  key: string;
  payload: string;
  error: string;
  issues: unknown;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** How many times this (source, key) was parked. */
  count: number;
}

/**
 * Parks an input that cannot be handled. Seeing the same (source, key) again bumps `count` and `last_seen_at`
 * and keeps the latest payload and error, so a redelivered poison message makes one row, not many.
 */
export async function recordDeadLetter(
  db: Kysely<EventLogDatabase>,
  letter: NewDeadLetter,
): Promise<{ id: bigint; count: number }> {
  const issues = letter.issues === undefined ? null : JSON.stringify(letter.issues);
  const row = await db
    .insertInto('dead_letters')
    .values({ source: letter.source, key: letter.key, payload: letter.payload, error: letter.error, issues })
    .onConflict((oc) =>
      oc.columns(['source', 'key']).doUpdateSet((eb) => ({
        payload: eb.ref('excluded.payload'),
        error: eb.ref('excluded.error'),
        issues: eb.ref('excluded.issues'),
        last_seen_at: sql`now()`,
        count: sql`dead_letters.count + 1`,
      })),
    )
    .returning(['id', 'count'])
    .executeTakeFirstOrThrow();
  return { id: BigInt(row.id), count: row.count };
}

/** Most recently seen first. */
export async function listDeadLetters(
  db: Kysely<EventLogDatabase>,
  { source, limit = 100 }: { source?: string; limit?: number } = {},
): Promise<DeadLetter[]> {
  let query = db.selectFrom('dead_letters').selectAll();
  if (source !== undefined) query = query.where('source', '=', source);
  const rows = await query.orderBy('last_seen_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    id: BigInt(row.id),
    source: row.source,
    key: row.key,
    payload: row.payload,
    error: row.error,
    issues: row.issues,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    count: row.count,
  }));
}
