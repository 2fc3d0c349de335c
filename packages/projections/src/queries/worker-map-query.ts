import type { WorkerMapRow } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';
import { readModelDb } from '../read-model-database';

/** Statuses of a runner that is still in service (it may hold sessions). */
export const LIVE_STATUSES = ['active', 'draining', 'stopping'] as const;

/**
 * worker_map joined with the heartbeat liveness: the newer of the two says how many sessions the runner holds
 * (a heartbeat after the last busy/idle event, or an event after a stale heartbeat from an earlier life).
 */
export function selectWorkerMapRows(db: Kysely<EventLogDatabase>) {
  return readModelDb(db)
    .selectFrom('worker_map as w')
    .leftJoin('runner_liveness as l', (join) =>
      join.onRef('l.namespace', '=', 'w.namespace').onRef('l.runner_id', '=', 'w.runner_id'),
    )
    .select([
      'w.namespace',
      'w.runner_id',
      'w.pool',
      'w.version',
      'w.build',
      'w.server_id',
      'w.labels',
      'w.slots',
      'w.status',
      'w.idle_since',
      'w.started_at',
      'w.drain',
      sql<number>`CASE WHEN l.last_seen_at >= w.last_seen_at THEN l.active_sessions ELSE w.active_sessions END`.as(
        'active_sessions',
      ),
      // GREATEST skips NULL: without a heartbeat the log's last sign of life stands.
      sql<Date>`GREATEST(w.last_seen_at, l.last_seen_at)`.as('last_seen_at'),
    ]);
}

export type WorkerMapQueryRow = Awaited<
  ReturnType<ReturnType<typeof selectWorkerMapRows>['executeTakeFirstOrThrow']>
>;

export function toWorkerMapRow(row: WorkerMapQueryRow): WorkerMapRow {
  return {
    runnerId: row.runner_id,
    namespace: row.namespace,
    pool: row.pool,
    version: row.version,
    build: row.build,
    serverId: row.server_id,
    labels: row.labels,
    slots: row.slots,
    status: row.status,
    draining: row.drain !== null,
    available: row.status === 'active' && row.drain === null,
    activeSessions: row.active_sessions,
    idleSince: row.idle_since?.toISOString() ?? null,
    startedAt: row.started_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    drain: row.drain,
  };
}
