import type {
  CatalogVersionView,
  Labels,
  PoolConfigView,
  WorkerDrain,
  WorkerStatus,
} from '@rollcall/contracts';
import type { ColumnType } from 'kysely';

/** int8 arrives from pg as a string (the event log's pool keeps it text); callers may write a bigint. */
type Int8 = ColumnType<string, string | bigint, string | bigint>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
/** Written as JSON text, read back parsed. */
type Jsonb<T> = ColumnType<T, string, string>;

/** One runner: the worker map's row minus the liveness fields, which `runner_liveness` holds. */
export interface WorkerMapTable {
  namespace: string;
  runner_id: string;
  pool: string;
  version: number;
  build: string | null;
  server_id: string;
  labels: Jsonb<Labels>;
  slots: number;
  /** The table's CHECK keeps it in the list. */
  status: WorkerStatus;
  /** As of the latest busy/idle transition; a newer heartbeat in `runner_liveness` wins. */
  active_sessions: number;
  idle_since: NullableTimestamp;
  started_at: Timestamp;
  /** The latest sign of life the log recorded (connect, busy/idle, disconnect, the lost runner's last heartbeat). */
  last_seen_at: Timestamp;
  drain: Jsonb<WorkerDrain | null>;
  updated_position: Int8;
}

export interface PoolsTable {
  namespace: string;
  pool: string;
  config: Jsonb<PoolConfigView | null>;
  latest_version: number | null;
  catalog: Jsonb<CatalogVersionView[]>;
  updated_position: Int8;
}

/** Written on every heartbeat by the registry (architecture rule 6: heartbeats are not events). */
export interface RunnerLivenessTable {
  namespace: string;
  runner_id: string;
  pool: string;
  active_sessions: number;
  last_seen_at: Timestamp;
}

// A type alias, not an interface: Kysely's `withTables` wants an indexable record.
export type ReadModelTables = {
  worker_map: WorkerMapTable;
  pools: PoolsTable;
  runner_liveness: RunnerLivenessTable;
};
