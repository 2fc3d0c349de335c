import type { Kysely, Transaction } from 'kysely';
import pg from 'pg';
import { notifyAppended } from './append-notifier';
import {
  type AppendedRow,
  autocommitAppend,
  type EventColumns,
  inTransactionAppend,
  type StoredEvent,
  streamState,
} from './append-statements';
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
  /** The stream's version after the append (for a duplicate: right after the original append). */
  nextExpectedVersion: bigint;
  /** Global positions of the appended (or, for a duplicate, the originally stored) events, in order. */
  positions: readonly bigint[];
  /** Every event id was already stored in this stream: nothing was written. */
  duplicate: boolean;
}

type EventLogExecutor = Kysely<EventLogDatabase> | Transaction<EventLogDatabase>;

const UNIQUE_VIOLATION = '23505';
const EVENT_ID_CONSTRAINT = 'events_event_id_key';

/**
 * Appends events to one stream atomically, with optimistic concurrency on the stream version and idempotency
 * on the event ids. On a Kysely (not a transaction) it is a single statement: one round trip, its own commit.
 * @throws ConcurrencyError, IdempotencyConflictError, EventValidationError (nothing written)
 */
export async function append(
  db: EventLogExecutor,
  { streamName, expectedVersion, events }: AppendInput,
  options: AppendOptions = {},
): Promise<AppendResult> {
  if (events.length === 0) return appendNothing(db, streamName, expectedVersion);
  const columns = toColumns(events, options.registry);
  return db.isTransaction
    ? appendInTransaction(db, streamName, expectedVersion, columns)
    : appendAutocommit(db, streamName, expectedVersion, columns);
}

async function appendAutocommit(
  db: EventLogExecutor,
  streamName: string,
  expected: ExpectedVersion,
  columns: EventColumns,
): Promise<AppendResult> {
  let rows: AppendedRow[];
  try {
    ({ rows } = await autocommitAppend(streamName, expected, columns).execute(db));
  } catch (error) {
    if (!isEventIdConflict(error)) throw error;
    return answerFailedAppend(db, streamName, expected, columns.ids, error);
  }
  if (rows.length === 0) return answerFailedAppend(db, streamName, expected, columns.ids);
  const result = appendedResult(streamName, rows);
  notifyAppended(db, result.positions.at(-1) ?? 0n);
  return result;
}

async function appendInTransaction(
  db: EventLogExecutor,
  streamName: string,
  expected: ExpectedVersion,
  columns: EventColumns,
): Promise<AppendResult> {
  let row: { appended: AppendedRow[] | null; existing: StoredEvent[] | null } | undefined;
  try {
    ({
      rows: [row],
    } = await inTransactionAppend(streamName, expected, columns).execute(db));
  } catch (error) {
    // A concurrent append stored some of these ids after our snapshot; the caller's transaction is aborted
    // now, and only a retry of the whole command (which will find them stored) can answer it.
    if (isEventIdConflict(error))
      throw new IdempotencyConflictError(streamName, columns.ids, { cause: error });
    throw error;
  }
  if (row?.existing != null) return duplicateResult(streamName, columns.ids, row.existing);
  if (row?.appended != null) return appendedResult(streamName, row.appended);
  return answerFailedAppend(db, streamName, expected, columns.ids);
}

function toColumns(events: readonly NewEvent[], registry: EventRegistry | undefined): EventColumns {
  const columns: EventColumns = { ids: [], types: [], schemaVersions: [], data: [], metadata: [] };
  for (const event of events) {
    const prepared =
      registry === undefined
        ? { data: event.data, schemaVersion: event.schemaVersion ?? 1 }
        : prepareForAppend(registry, event.type, event.data, event.schemaVersion);
    // pg returns uuids in lower case; comparing stored ids with ours needs the same spelling.
    columns.ids.push(event.eventId.toLowerCase());
    columns.types.push(event.type);
    columns.schemaVersions.push(prepared.schemaVersion);
    columns.data.push(JSON.stringify(prepared.data ?? null));
    columns.metadata.push(JSON.stringify(event.metadata ?? {}));
  }
  if (new Set(columns.ids).size !== columns.ids.length) {
    throw new RangeError('an append must not repeat an event id');
  }
  return columns;
}

function appendedResult(streamName: string, rows: readonly AppendedRow[]): AppendResult {
  const last = rows.at(-1);
  return {
    streamName,
    nextExpectedVersion: BigInt(last?.stream_version ?? 0),
    positions: rows.map((row) => BigInt(row.global_position)),
    duplicate: false,
  };
}

/** Nothing was written: either every id was stored before (a retry) or the stream was not where expected. */
async function answerFailedAppend(
  db: EventLogExecutor,
  streamName: string,
  expected: ExpectedVersion,
  ids: readonly string[],
  cause?: unknown,
): Promise<AppendResult> {
  const {
    rows: [state],
  } = await streamState(streamName, ids).execute(db);
  if (state?.existing != null) return duplicateResult(streamName, ids, state.existing, cause);
  throw new ConcurrencyError(
    streamName,
    expected,
    BigInt(state?.version ?? 0),
    cause === undefined ? {} : { cause },
  );
}

async function appendNothing(
  db: EventLogExecutor,
  streamName: string,
  expected: ExpectedVersion,
): Promise<AppendResult> {
  const {
    rows: [state],
  } = await streamState(streamName, []).execute(db);
  const actual = BigInt(state?.version ?? 0);
  const fits =
    expected === ANY ||
    (expected === STREAM_EXISTS && actual > 0n) ||
    (expected === NO_STREAM && actual === 0n) ||
    expected === actual;
  if (!fits) throw new ConcurrencyError(streamName, expected, actual);
  return { streamName, nextExpectedVersion: actual, positions: [], duplicate: false };
}

/** Every id stored in this stream: the original append's answer. Anything else mixes old and new ids. */
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
        cause === undefined ? {} : { cause },
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
