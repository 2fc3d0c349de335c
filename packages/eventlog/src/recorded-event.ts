import { sql } from 'kysely';
import { type EventRegistry, upcastToCurrent } from './event-registry';
import type { EventMetadata } from './new-event';

/** An event as stored in the log. */
export interface RecordedEvent {
  globalPosition: bigint;
  /** Id of the transaction that appended it. */
  transactionId: bigint;
  eventId: string;
  streamName: string;
  streamVersion: bigint;
  type: string;
  /** Schema version of `data`: the current one when read through a registry. */
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  recordedAt: Date;
}

/**
 * recorded_at as epoch milliseconds: pg's text timestamp parser costs more than the rest of a row together,
 * and a Date keeps milliseconds anyway.
 */
export const recordedAtMs = sql<number>`date_part('epoch', recorded_at) * 1000`;

/** An events row as selected by the readers (int8 and xid8 arrive as text). Private to this package. */
export interface EventRow {
  global_position: string;
  transaction_id: string;
  event_id: string;
  stream_name: string;
  stream_version: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at_ms: number;
}

export function toRecordedEvent(row: EventRow, registry: EventRegistry | undefined): RecordedEvent {
  const { data, schemaVersion } =
    registry === undefined
      ? { data: row.data, schemaVersion: row.schema_version }
      : upcastToCurrent(registry, row.type, row.schema_version, row.data);
  return {
    globalPosition: BigInt(row.global_position),
    transactionId: BigInt(row.transaction_id),
    eventId: row.event_id,
    streamName: row.stream_name,
    streamVersion: BigInt(row.stream_version),
    type: row.type,
    schemaVersion,
    data,
    metadata: row.metadata,
    recordedAt: new Date(row.recorded_at_ms),
  };
}
