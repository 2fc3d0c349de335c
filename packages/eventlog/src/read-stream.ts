import type { Kysely } from 'kysely';
import type { EventRegistry } from './event-registry';
import { type RecordedEvent, recordedAtMs, toRecordedEvent } from './recorded-event';
import type { EventLogDatabase } from './tables';

export interface ReadStreamInput {
  streamName: string;
  /** First stream version to read, inclusive. @default 1n */
  fromVersion?: bigint;
  /** Rows fetched per query. @default 1000 */
  pageSize?: number;
  /** Upcast and parse each event's data to its type's current schema. */
  registry?: EventRegistry;
}

/**
 * One stream's events in stream-version order. No gap rule is needed here: the compare-and-set on the
 * streams row lets version n+1 commit only after version n did.
 */
export async function* readStream(
  db: Kysely<EventLogDatabase>,
  { streamName, fromVersion = 1n, pageSize = 1000, registry }: ReadStreamInput,
): AsyncGenerator<RecordedEvent> {
  let from = fromVersion;
  while (true) {
    const rows = await db
      .selectFrom('events')
      .select([
        'global_position',
        'transaction_id',
        'event_id',
        'stream_name',
        'stream_version',
        'type',
        'schema_version',
        'data',
        'metadata',
        recordedAtMs.as('recorded_at_ms'),
      ])
      .where('stream_name', '=', streamName)
      .where('stream_version', '>=', from.toString())
      .orderBy('stream_version')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      yield toRecordedEvent(row, registry);
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < pageSize) return;
    from = BigInt(last.stream_version) + 1n;
  }
}
