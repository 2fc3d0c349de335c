import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { ConcurrencyError, IdempotencyConflictError } from './errors';
import { type EventRegistry, prepareForAppend } from './event-registry';
import { ANY, type ExpectedVersion, NO_STREAM, STREAM_EXISTS } from './expected-version';
import type { NewEvent } from './new-event';
import type { EventLogDatabase } from './tables';

export interface AppendInput {
  streamName: string;
  expectedVersion: ExpectedVersion;
  events: readonly NewEvent[];
}

export interface AppendOptions {
  /** Parse each event's data with its type's current schema before anything is written. */
  registry?: EventRegistry;
}

export interface AppendResult {
  streamName: string;
  /** The stream's version after the append (for a duplicate: after the original append). */
  nextExpectedVersion: bigint;
  /** Global positions of the appended (or, for a duplicate, the originally stored) events, in order. */
  positions: readonly bigint[];
  /** Every event id was already stored: nothing was written. */
  duplicate: boolean;
}

type EventLogExecutor = Kysely<EventLogDatabase> | Transaction<EventLogDatabase>;

interface StoredEvent {
  event_id: string;
  global_position: string;
  stream_name: string;
  stream_version: string;
}

interface AppendRow {
  version: string | null;
  positions: string[] | null;
  existing: StoredEvent[] | null;
}

interface CurrentStateRow {
  version: string | null;
  existing: StoredEvent[] | null;
}

const NOTIFY_CHANNEL = 'rollcall_events';
const UNIQUE_VIOLATION = '23505';
const EVENT_ID_CONSTRAINT = 'events_event_id_key';

/**
 * Appends events to one stream atomically, with optimistic concurrency on the stream version.
 * On a Kysely (not a transaction) this is one statement, hence one round trip and its own transaction.
 */
export async function append(
  db: EventLogExecutor,
  { streamName, expectedVersion, events }: AppendInput,
  options: AppendOptions = {},
): Promise<AppendResult> {
  if (events.length === 0) {
    return appendNothing(db, streamName, expectedVersion);
  }
  const columns = toColumns(events, options.registry);
  let row: AppendRow;
  try {
    const result = await appendStatement(streamName, expectedVersion, columns).execute(db);
    row = result.rows[0] ?? { version: null, positions: null, existing: null };
  } catch (error) {
    if (!isEventIdConflict(error)) throw error;
    // A concurrent append stored some of these ids after our snapshot. Outside a transaction we can look
    // again; inside one the caller's transaction is aborted and only a retry of the whole command helps.
    if (db.isTransaction) throw new IdempotencyConflictError(streamName, columns.ids, { cause: error });
    const state = await currentState(db, streamName, columns.ids);
    return duplicateResult(streamName, columns.ids, state.existing ?? [], error);
  }
  if (row.existing !== null) {
    return duplicateResult(streamName, columns.ids, row.existing);
  }
  if (row.version === null || row.positions === null) {
    const state = await currentState(db, streamName, columns.ids);
    if (state.existing !== null) return duplicateResult(streamName, columns.ids, state.existing);
    throw new ConcurrencyError(streamName, expectedVersion, BigInt(state.version ?? 0));
  }
  return {
    streamName,
    nextExpectedVersion: BigInt(row.version),
    positions: row.positions.map(BigInt),
    duplicate: false,
  };
}

interface EventColumns {
  ids: string[];
  types: string[];
  schemaVersions: number[];
  data: string[];
  metadata: string[];
}

function toColumns(events: readonly NewEvent[], registry: EventRegistry | undefined): EventColumns {
  const columns: EventColumns = { ids: [], types: [], schemaVersions: [], data: [], metadata: [] };
  for (const event of events) {
    const prepared =
      registry === undefined
        ? { data: event.data, schemaVersion: event.schemaVersion ?? 1 }
        : prepareForAppend(registry, event.type, event.data, event.schemaVersion);
    columns.ids.push(event.eventId.toLowerCase());
    columns.types.push(event.type);
    columns.schemaVersions.push(prepared.schemaVersion);
    columns.data.push(JSON.stringify(prepared.data ?? null));
    columns.metadata.push(JSON.stringify(event.metadata ?? {}));
  }
  return columns;
}

/** message-db style: the category is the part of the stream name before the first dash. */
function categoryOf(streamName: string): string {
  const dash = streamName.indexOf('-');
  return dash === -1 ? streamName : streamName.slice(0, dash);
}

/**
 * One statement: idempotency lookup, compare-and-set of the streams row, event inserts, NOTIFY.
 * The events are selected FROM the stream step's output, so nextval() (the global position) runs only after
 * the streams row was written, i.e. after this transaction got its id: readers rely on that order.
 */
function appendStatement(streamName: string, expected: ExpectedVersion, columns: EventColumns) {
  const count = columns.ids.length;
  return sql<AppendRow>`
    WITH input AS (
      SELECT * FROM unnest(
        ${columns.ids}::uuid[], ${columns.types}::text[], ${columns.schemaVersions}::int4[],
        ${columns.data}::jsonb[], ${columns.metadata}::jsonb[]
      ) WITH ORDINALITY AS i(event_id, type, schema_version, data, metadata, ordinal)
    ),
    existing AS (
      SELECT event_id, global_position::text, stream_name, stream_version::text
      FROM events WHERE event_id IN (SELECT event_id FROM input)
    ),
    stream AS (${streamStep(streamName, expected, count)}),
    appended AS (
      INSERT INTO events (event_id, stream_name, category, stream_version, type, schema_version, data, metadata)
      SELECT i.event_id, ${streamName}, ${categoryOf(streamName)}, stream.version - ${count}::int8 + i.ordinal,
        i.type, i.schema_version, i.data, i.metadata
      FROM stream CROSS JOIN input i
      ORDER BY i.ordinal
      RETURNING global_position
    )
    SELECT
      (SELECT version FROM stream) AS version,
      (SELECT array_agg(global_position::text ORDER BY global_position) FROM appended) AS positions,
      (SELECT pg_notify(${NOTIFY_CHANNEL}, max(global_position)::text) FROM appended HAVING count(*) > 0) AS notified,
      (SELECT json_agg(existing) FROM existing) AS existing`;
}

/** The compare-and-set on the streams row; it yields the new version, or no row on a conflict. */
function streamStep(streamName: string, expected: ExpectedVersion, count: number): RawBuilder<unknown> {
  const nothingStored = sql`NOT EXISTS (SELECT FROM existing)`;
  if (expected === NO_STREAM || expected === 0n) {
    return sql`
      INSERT INTO streams (stream_name, version) SELECT ${streamName}, ${count}::int8 WHERE ${nothingStored}
      ON CONFLICT (stream_name) DO NOTHING
      RETURNING version`;
  }
  if (expected === ANY) {
    return sql`
      INSERT INTO streams AS s (stream_name, version) SELECT ${streamName}, ${count}::int8 WHERE ${nothingStored}
      ON CONFLICT (stream_name) DO UPDATE SET version = s.version + excluded.version
      RETURNING s.version`;
  }
  const versionMatches = expected === STREAM_EXISTS ? sql`true` : sql`version = ${expected.toString()}::int8`;
  return sql`
    UPDATE streams SET version = version + ${count}::int8
    WHERE stream_name = ${streamName} AND ${versionMatches} AND ${nothingStored}
    RETURNING version`;
}

async function currentState(
  db: EventLogExecutor,
  streamName: string,
  ids: string[],
): Promise<CurrentStateRow> {
  const result = await sql<CurrentStateRow>`
    SELECT
      (SELECT version FROM streams WHERE stream_name = ${streamName}) AS version,
      (SELECT json_agg(e) FROM (
        SELECT event_id, global_position::text, stream_name, stream_version::text
        FROM events WHERE event_id = ANY(${ids}::uuid[])
      ) e) AS existing`.execute(db);
  return result.rows[0] ?? { version: null, existing: null };
}

async function appendNothing(
  db: EventLogExecutor,
  streamName: string,
  expected: ExpectedVersion,
): Promise<AppendResult> {
  const state = await currentState(db, streamName, []);
  const actual = BigInt(state.version ?? 0);
  const fits =
    expected === ANY ||
    (expected === STREAM_EXISTS && actual > 0n) ||
    (expected === NO_STREAM && actual === 0n) ||
    expected === actual;
  if (!fits) throw new ConcurrencyError(streamName, expected, actual);
  return { streamName, nextExpectedVersion: actual, positions: [], duplicate: false };
}

/** Every id stored in this stream: the original result. Anything else mixes old and new ids. */
function duplicateResult(
  streamName: string,
  ids: readonly string[],
  stored: readonly StoredEvent[],
  cause?: unknown,
): AppendResult {
  const byId = new Map(stored.filter((e) => e.stream_name === streamName).map((e) => [e.event_id, e]));
  const positions: bigint[] = [];
  let lastVersion = 0n;
  for (const id of ids) {
    const event = byId.get(id);
    if (event === undefined) {
      throw new IdempotencyConflictError(
        streamName,
        stored.map((e) => e.event_id),
        cause === undefined ? undefined : { cause },
      );
    }
    positions.push(BigInt(event.global_position));
    const version = BigInt(event.stream_version);
    if (version > lastVersion) lastVersion = version;
  }
  return { streamName, nextExpectedVersion: lastVersion, positions, duplicate: true };
}

function isEventIdConflict(error: unknown): boolean {
  return (
    error instanceof pg.DatabaseError &&
    error.code === UNIQUE_VIOLATION &&
    error.constraint === EVENT_ID_CONSTRAINT
  );
}
