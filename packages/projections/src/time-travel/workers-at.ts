import type { WorkerMapRow } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';
import type { PositionedPoolEvent } from '../positioned-pool-event';
import { PoolEventParseError } from '../projector/pool-event-parse-error';
import { toPoolEvent } from '../projector/to-pool-event';
import type { ListWorkersInput } from '../queries/list-workers';
import { foldWorkerEvents, keyWorkerEvents } from '../worker-map/fold-worker-events';
import { workerMapRowOf } from '../worker-map/worker-map-row-of';
import type { WorkerRow } from '../worker-map/worker-row';

export type WorkersAtInput = ListWorkersInput & {
  /** Fold the log up to and including this global position. */
  position: bigint;
  /** Events read per query. @default 5000 */
  pageSize?: number;
};

interface EventRow {
  global_position: string;
  event_id: string;
  type: string;
  data: unknown;
}

/**
 * The worker map of a namespace as it was at a past log position (time travel): the namespace's pool events
 * up to `position` folded through the same reducer as the projection, in memory. Heartbeats are not in the
 * log, so `activeSessions` and `lastSeenAt` are as of the events. Same filters and order as `listWorkers`.
 * Events that do not parse are skipped, as the projector skips them. A position beyond the settled head may
 * miss events that commit later.
 */
export async function workersAt(
  db: Kysely<EventLogDatabase>,
  input: WorkersAtInput,
): Promise<WorkerMapRow[]> {
  const { namespace, position, pageSize = 5000 } = input;
  // Stream names are `pool-<ns>+<pool>`; identifiers hold no `+`, so the prefix names exactly this namespace.
  const prefix = `pool-${namespace}+`;
  const rows = new Map<string, WorkerRow>();
  let after = 0n;
  for (;;) {
    const { rows: page } = await sql<EventRow>`
      SELECT global_position, event_id, type, data FROM events
      WHERE category = 'pool' AND starts_with(stream_name, ${prefix})
        AND global_position > ${after.toString()}::int8 AND global_position <= ${position.toString()}::int8
      ORDER BY global_position LIMIT ${pageSize}`.execute(db);
    foldWorkerEvents(rows, keyWorkerEvents(parsed(page)));
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) break;
    after = BigInt(last.global_position);
  }
  return [...rows.values()]
    .map(workerMapRowOf)
    .filter((row) => matches(row, input))
    .sort((a, b) => compare(a.pool, b.pool) || compare(a.runnerId, b.runnerId));
}

function* parsed(rows: readonly EventRow[]): Generator<PositionedPoolEvent> {
  for (const row of rows) {
    const stored = {
      eventId: row.event_id,
      type: row.type,
      data: row.data,
      globalPosition: BigInt(row.global_position),
    };
    let event: PositionedPoolEvent | null = null;
    try {
      event = toPoolEvent(stored);
    } catch (error) {
      if (!(error instanceof PoolEventParseError)) throw error;
    }
    if (event !== null) yield event;
  }
}

function matches(row: WorkerMapRow, { pool, available, serverId, status }: ListWorkersInput): boolean {
  return (
    (pool === undefined || row.pool === pool) &&
    (available === undefined || row.available === available) &&
    (serverId === undefined || row.serverId === serverId) &&
    (status === undefined || row.status === status)
  );
}

// Byte order, as Postgres' "C" collation would sort identifiers (they are ASCII).
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
