import type {
  CatalogVersionView,
  DrainReason,
  Labels,
  PoolConfigView,
  StopReason,
  WorkerDrain,
  WorkerStatus,
} from '@rollcall/contracts';
import type { ColumnType } from 'kysely';
import type { DrainPhase } from './drains/drain-row';

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

/** One drain request of one runner, kept after it ends (see `DrainRow`). */
export interface DrainsTable {
  /** Global position of the `RunnerDrainRequested` that started the drain. */
  id: Int8;
  namespace: string;
  runner_id: string;
  pool: string;
  version: number;
  server_id: string;
  reason: DrainReason;
  superseded_by: number | null;
  requested_by: string;
  requested_at: Timestamp;
  deadline: Timestamp;
  /** The table's CHECK keeps it in the list. */
  phase: DrainPhase;
  notice_position: Int8;
  active_sessions: number;
  sessions_at: Timestamp;
  stop_requested_at: NullableTimestamp;
  stop_forced: boolean;
  stop_reason: StopReason | null;
  stop_position: ColumnType<string | null, string | bigint | null, string | bigint | null>;
  ended_at: NullableTimestamp;
  outcome: string | null;
  updated_position: Int8;
}

// A type alias, not an interface: Kysely's `withTables` wants an indexable record.
export type ReadModelTables = {
  worker_map: WorkerMapTable;
  pools: PoolsTable;
  runner_liveness: RunnerLivenessTable;
  drains: DrainsTable;
};
