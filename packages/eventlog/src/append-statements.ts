import { type RawBuilder, sql } from 'kysely';
import { ANY, type ExpectedVersion, NO_STREAM, STREAM_EXISTS } from './expected-version';
import { PREPARED } from './prepared-statements';

/** The channel appends NOTIFY on commit (payload: the last global position appended, as text). */
export const EVENTS_CHANNEL = 'rollcall_events';

/** The new events of one append, as parallel arrays (one parameter each, whatever the batch size). */
export interface EventColumns {
  ids: string[];
  types: string[];
  schemaVersions: number[];
  data: string[];
  metadata: string[];
}

export interface AppendedRow {
  global_position: string;
  stream_version: string;
}

export interface StoredEvent {
  event_id: string;
  global_position: string;
  stream_name: string;
  stream_version: string;
}

export interface InTransactionRow {
  appended: AppendedRow[] | null;
  existing: StoredEvent[] | null;
}

export interface StreamStateRow {
  version: string | null;
  existing: StoredEvent[] | null;
}

/** message-db style: the category is the part of the stream name before the first dash. */
function categoryOf(streamName: string): string {
  const dash = streamName.indexOf('-');
  return dash === -1 ? streamName : streamName.slice(0, dash);
}

/**
 * The compare-and-set on the streams row; yields the stream's new version, or no row on a conflict.
 * `guard` keeps it from writing (in-transaction form: when some event id is already stored).
 */
function streamStep(
  streamName: string,
  expected: ExpectedVersion,
  count: number,
  guard: RawBuilder<unknown>,
): RawBuilder<unknown> {
  if (expected === NO_STREAM || expected === 0n) {
    return sql`
      INSERT INTO streams (stream_name, version) SELECT ${streamName}, ${count}::int8 WHERE ${guard}
      ON CONFLICT (stream_name) DO NOTHING
      RETURNING version`;
  }
  if (expected === ANY) {
    return sql`
      INSERT INTO streams AS s (stream_name, version) SELECT ${streamName}, ${count}::int8 WHERE ${guard}
      ON CONFLICT (stream_name) DO UPDATE SET version = s.version + excluded.version
      RETURNING s.version`;
  }
  const versionMatches = expected === STREAM_EXISTS ? sql`true` : sql`version = ${expected.toString()}::int8`;
  return sql`
    UPDATE streams SET version = version + ${count}::int8
    WHERE stream_name = ${streamName} AND ${versionMatches} AND ${guard}
    RETURNING version`;
}

/**
 * Writes the events FROM the stream step's output: nextval() (the global position) runs only after the streams
 * row was written, i.e. after this transaction got its id. The readers' gap rule relies on that order.
 */
function insertEvents(streamName: string, columns: EventColumns): RawBuilder<unknown> {
  const category = categoryOf(streamName);
  const [id, type, schemaVersion, data, metadata] = [
    columns.ids[0],
    columns.types[0],
    columns.schemaVersions[0],
    columns.data[0],
    columns.metadata[0],
  ];
  const into = sql`
    INSERT INTO events (event_id, stream_name, category, stream_version, type, schema_version, data, metadata)`;
  if (columns.ids.length === 1) {
    // The common single event: plain parameters plan and run measurably faster than unnest.
    return sql`${into}
      SELECT ${id}::uuid, ${streamName}, ${category}, stream.version, ${type}, ${schemaVersion}::int4,
        ${data}::jsonb, ${metadata}::jsonb
      FROM stream
      RETURNING global_position, stream_version`;
  }
  return sql`${into}
    SELECT i.event_id, ${streamName}, ${category}, stream.version - ${columns.ids.length}::int8 + i.ordinal,
      i.type, i.schema_version, i.data, i.metadata
    FROM stream, unnest(
      ${columns.ids}::uuid[], ${columns.types}::text[], ${columns.schemaVersions}::int4[],
      ${columns.data}::jsonb[], ${columns.metadata}::jsonb[]
    ) WITH ORDINALITY AS i(event_id, type, schema_version, data, metadata, ordinal)
    ORDER BY i.ordinal
    RETURNING global_position, stream_version`;
}

/**
 * The lean form, for an append that is its own transaction: no rows back means a version conflict, and an
 * already stored event id fails the statement on the unique index (nothing is written either way). Its NOTIFY
 * is sent after the commit (see append-notifier): inside the statement it would serialize every commit.
 */
export function autocommitAppend(streamName: string, expected: ExpectedVersion, columns: EventColumns) {
  const count = columns.ids.length;
  return sql<AppendedRow>`${sql.raw(PREPARED)}
    WITH stream AS (${streamStep(streamName, expected, count, sql`true`)})
    ${insertEvents(streamName, columns)}`;
}

/**
 * The form for a caller's transaction: stored ids are looked up first, so a repeated append is answered
 * without an error that would abort the caller's transaction; the NOTIFY fires when the caller commits.
 */
export function inTransactionAppend(streamName: string, expected: ExpectedVersion, columns: EventColumns) {
  const count = columns.ids.length;
  return sql<InTransactionRow>`${sql.raw(PREPARED)}
    WITH existing AS (
      SELECT event_id, global_position::text, stream_name, stream_version::text
      FROM events WHERE event_id = ANY(${columns.ids}::uuid[])
    ),
    stream AS (${streamStep(streamName, expected, count, sql`NOT EXISTS (SELECT FROM existing)`)}),
    appended AS (${insertEvents(streamName, columns)})
    SELECT
      (SELECT json_agg(json_build_object(
        'global_position', global_position::text, 'stream_version', stream_version::text
      ) ORDER BY global_position) FROM appended) AS appended,
      (SELECT pg_notify(${EVENTS_CHANNEL}, max(global_position)::text) FROM appended HAVING count(*) > 0) AS notified,
      (SELECT json_agg(existing) FROM existing) AS existing`;
}

/** The stream's version and which of the ids are stored, for answering a failed append. */
export function streamState(streamName: string, ids: readonly string[]) {
  return sql<StreamStateRow>`${sql.raw(PREPARED)}
    SELECT
      (SELECT version FROM streams WHERE stream_name = ${streamName}) AS version,
      (SELECT json_agg(e) FROM (
        SELECT event_id, global_position::text, stream_name, stream_version::text
        FROM events WHERE event_id = ANY(${[...ids]}::uuid[])
      ) AS e) AS existing`;
}
