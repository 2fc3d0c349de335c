import type { ColumnType, Generated } from 'kysely';
import type { EventMetadata } from './new-event';

/** int8 arrives from pg as a string (no precision loss); callers may write a bigint or its decimal text. */
type Int8 = ColumnType<string, string | bigint, string | bigint>;
type GeneratedInt8 = ColumnType<string, string | bigint | undefined, string | bigint>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface EventsTable {
  global_position: GeneratedInt8;
  event_id: string;
  stream_name: string;
  category: string;
  stream_version: Int8;
  type: string;
  schema_version: Defaulted<number>;
  data: ColumnType<unknown, string, string>;
  metadata: ColumnType<EventMetadata, string | undefined, string>;
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** xid8 of the appending transaction; pg has no parser for it, so it stays text. */
  transaction_id: ColumnType<string, never, never>;
}

export interface StreamsTable {
  stream_name: string;
  version: Int8;
}

export interface CheckpointsTable {
  consumer: string;
  position: Int8;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DeadLettersTable {
  id: Generated<string>;
  source: string;
  key: string;
  payload: string;
  error: string;
  issues: ColumnType<unknown, string | null | undefined, string | null>;
  first_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  count: Defaulted<number>;
}

export interface EventLogDatabase {
  events: EventsTable;
  streams: StreamsTable;
  checkpoints: CheckpointsTable;
  dead_letters: DeadLettersTable;
}
