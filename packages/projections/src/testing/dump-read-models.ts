import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';
import type { DrainRow } from '../drains/drain-row';
import { type DrainsDbRow, drainsColumns, fromDrainsDbRow } from '../drains/drains-store';
import type { PoolRow } from '../pools/pool-row';
import { fromPoolsDbRow, type PoolsDbRow, poolsColumns } from '../pools/pools-store';
import { fromWorkerMapDbRow, type WorkerMapDbRow, workerMapColumns } from '../worker-map/worker-map-store';
import type { WorkerRow } from '../worker-map/worker-row';

export interface ReadModelsDump {
  workers: WorkerRow[];
  pools: PoolRow[];
  /** By id (the drain request's position). */
  drains: DrainRow[];
}

/** The full contents of the live read model tables, in key order, for comparing two builds of them. */
export async function dumpReadModels(db: Kysely<EventLogDatabase>): Promise<ReadModelsDump> {
  const workers = await sql<WorkerMapDbRow>`
    SELECT ${workerMapColumns} FROM worker_map ORDER BY namespace COLLATE "C", runner_id COLLATE "C"`.execute(
    db,
  );
  const pools = await sql<PoolsDbRow>`
    SELECT ${poolsColumns} FROM pools ORDER BY namespace COLLATE "C", pool COLLATE "C"`.execute(db);
  const drains = await sql<DrainsDbRow>`SELECT ${drainsColumns} FROM drains ORDER BY id`.execute(db);
  return {
    workers: workers.rows.map(fromWorkerMapDbRow),
    pools: pools.rows.map(fromPoolsDbRow),
    drains: drains.rows.map(fromDrainsDbRow),
  };
}
