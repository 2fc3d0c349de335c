import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { EventFilter } from './event-filter';
import type { EventRegistry } from './event-registry';
import { PREPARED } from './prepared-statements';
import { type EventRow, type RecordedEvent, recordedAtMs, toRecordedEvent } from './recorded-event';
import {
  type GapState,
  type PositionBreak,
  positionBreaks,
  type SnapshotBounds,
  safeHead,
} from './safe-head';
import type { EventLogDatabase } from './tables';
import { transactionsFinishedBelow } from './transactions-finished';

export interface ReadAllPageInput {
  /** Read events after this global position (exclusive). */
  after: bigint;
  /** At most this many positions are examined (and so at most this many events returned). */
  limit: number;
  filter?: EventFilter;
  /** Upcast and parse each event's data to its type's current schema. */
  registry?: EventRegistry;
  /** The gap returned by the previous page; pass it back so the reader can step over rolled-back positions. */
  gap?: GapState | null;
}

export interface ReadAllPage {
  events: RecordedEvent[];
  /** Resume from here: every position up to it was delivered or is known never to appear. */
  lastPosition: bigint;
  gap: GapState | null;
}

interface SnapshotColumns {
  xmin: string;
  next_xid: string;
}

type MaybeEventRow = EventRow | { [K in keyof EventRow]: null };
type PageRow = SnapshotColumns & MaybeEventRow;
type FilteredPageRow = PageRow & { scanned_to: string | null; breaks: [string, string][] | null };

/**
 * One page of the global log in global_position order, never skipping an event that commits later.
 * Run it on a Kysely, not inside a transaction: the gap rule needs each statement's own snapshot.
 */
export async function readAllPage(
  db: Kysely<EventLogDatabase>,
  input: ReadAllPageInput,
): Promise<ReadAllPage> {
  const page = await readOnce(db, input, null);
  const { gap } = page;
  // The snapshot's xmin did not clear the gap: it is cluster-wide, held back by a long transaction in any
  // database of the server. Ask whether this database's writers below the gap's next xid have finished, and
  // if so read again: that check ran before the new statement's snapshot, so a writer that committed before
  // it is visible there and a position still missing was rolled back. (The check cannot decide on the rows
  // already read: a writer committing between their snapshot and the check would be skipped.)
  if (gap === null || db.isTransaction) return page;
  const limit = input.limit - Number(page.lastPosition - input.after);
  if (limit <= 0 || !(await transactionsFinishedBelow(db, gap.nextXid))) return page;
  const rest = await readOnce(db, { ...input, after: page.lastPosition, limit, gap }, gap.nextXid);
  return { events: [...page.events, ...rest.events], lastPosition: rest.lastPosition, gap: rest.gap };
}

/** One statement; `finishedBelow` as in SnapshotBounds (from a check made before this call). */
async function readOnce(
  db: Kysely<EventLogDatabase>,
  { after, limit, filter, registry, gap = null }: ReadAllPageInput,
  finishedBelow: bigint | null,
): Promise<ReadAllPage> {
  const conditions = filterConditions(filter);
  return conditions.length === 0
    ? readUnfiltered(db, after, limit, registry, gap, finishedBelow)
    : readFiltered(db, after, limit, conditions, registry, gap, finishedBelow);
}

// The statement's own snapshot xmin, and the next transaction id read after that snapshot. age(xid) measures
// against the next xid without assigning one; pg_snapshot_xmax is not enough, as it is only one past the latest
// *finished* transaction id, and a transaction with a higher id can already hold a position.
const snapshotBounds = sql<SnapshotColumns>`
  SELECT pg_snapshot_xmin(s)::text AS xmin,
    (pg_snapshot_xmin(s)::text::int8 + age(pg_snapshot_xmin(s)::xid))::text AS next_xid
  FROM pg_current_snapshot() AS s`;

const eventColumns = sql`global_position, transaction_id::text AS transaction_id, event_id, stream_name,
  stream_version, type, schema_version, data, metadata, ${recordedAtMs} AS recorded_at_ms`;

async function readUnfiltered(
  db: Kysely<EventLogDatabase>,
  after: bigint,
  limit: number,
  registry: EventRegistry | undefined,
  gap: GapState | null,
  finishedBelow: bigint | null,
): Promise<ReadAllPage> {
  const { rows } = await sql<PageRow>`${sql.raw(PREPARED)}
    SELECT * FROM (${snapshotBounds}) AS snapshot LEFT JOIN LATERAL (
      SELECT ${eventColumns} FROM events
      WHERE global_position > ${after.toString()}::int8
      ORDER BY global_position LIMIT ${limit}
    ) AS e ON true`.execute(db);
  const first = rows[0];
  if (first === undefined) return { events: [], lastPosition: after, gap };
  // One pass over the rows: this loop is what reading a million events costs.
  const events: RecordedEvent[] = [];
  const positions: bigint[] = [];
  for (const row of rows) {
    if (!isEventRow(row)) continue;
    const event = toRecordedEvent(row, registry);
    events.push(event);
    positions.push(event.globalPosition);
  }
  const head = safeHead(
    after,
    positions.at(-1) ?? null,
    positionBreaks(after, positions),
    bounds(db, first, finishedBelow),
    gap,
  );
  let deliverable = events.length;
  while (deliverable > 0 && (positions[deliverable - 1] ?? 0n) > head.position) deliverable--;
  events.length = deliverable;
  return { events, lastPosition: head.position, gap: head.gap };
}

/**
 * Finds the safe head over ALL positions (an index-only scan from `after`), then returns the matching events up
 * to it; the caller resumes from that head, so events of other streams cannot hide a gap.
 */
async function readFiltered(
  db: Kysely<EventLogDatabase>,
  after: bigint,
  limit: number,
  conditions: RawBuilder<unknown>[],
  registry: EventRegistry | undefined,
  gap: GapState | null,
  finishedBelow: bigint | null,
): Promise<ReadAllPage> {
  const from = after.toString();
  const { rows } = await sql<FilteredPageRow>`${sql.raw(PREPARED)}
    WITH scan AS (
      SELECT global_position FROM events WHERE global_position > ${from}::int8 ORDER BY global_position LIMIT ${limit}
    ),
    marks AS (
      SELECT lag(global_position, 1, ${from}::int8) OVER (ORDER BY global_position) AS before, global_position
      FROM scan
    )
    SELECT snapshot.*,
      (SELECT max(global_position) FROM scan) AS scanned_to,
      (SELECT json_agg(json_build_array(before::text, global_position::text) ORDER BY global_position)
        FROM marks WHERE global_position > before + 1) AS breaks,
      e.*
    FROM (${snapshotBounds}) AS snapshot LEFT JOIN LATERAL (
      SELECT ${eventColumns} FROM events
      WHERE global_position > ${from}::int8 AND global_position <= (SELECT max(global_position) FROM scan)
        AND ${sql.join(conditions, sql` AND `)}
      ORDER BY global_position
    ) AS e ON true`.execute(db);
  const first = rows[0];
  if (first === undefined) return { events: [], lastPosition: after, gap };
  const breaks: PositionBreak[] = (first.breaks ?? []).map(([before, next]) => ({
    before: BigInt(before),
    next: BigInt(next),
  }));
  const scannedTo = first.scanned_to === null ? null : BigInt(first.scanned_to);
  const head = safeHead(after, scannedTo, breaks, bounds(db, first, finishedBelow), gap);
  const events: RecordedEvent[] = [];
  for (const row of rows) {
    if (!isEventRow(row) || BigInt(row.global_position) > head.position) break;
    events.push(toRecordedEvent(row, registry));
  }
  return { events, lastPosition: head.position, gap: head.gap };
}

function filterConditions(filter: EventFilter | undefined): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  if (filter?.streamName !== undefined) conditions.push(sql`stream_name = ${filter.streamName}`);
  if (filter?.category !== undefined) conditions.push(sql`category = ${filter.category}`);
  if (filter?.types !== undefined) conditions.push(sql`type = ANY(${[...filter.types]}::text[])`);
  return conditions;
}

function bounds(
  db: Kysely<EventLogDatabase>,
  row: SnapshotColumns,
  finishedBelow: bigint | null,
): SnapshotBounds {
  // Inside a transaction the next xid pg reports may be stale (cached per transaction), so no new gap is armed.
  return { xmin: BigInt(row.xmin), finishedBelow, nextXid: db.isTransaction ? null : BigInt(row.next_xid) };
}

function isEventRow<H>(row: H & MaybeEventRow): row is H & EventRow {
  return row.global_position !== null;
}
