import {
  type DrainView,
  type Namespace,
  type PoolName,
  RUNNER_COMMANDS_CHECKPOINT,
  type RunnerId,
} from '@rollcall/contracts';
import { type EventLogDatabase, readCheckpoint } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { OPEN_DRAIN_PHASES } from '../drains/drain-row';
import { drainViewOf } from '../drains/drain-view-of';
import { fromDrainsDbRow } from '../drains/drains-store';
import { readModelDb } from '../read-model-database';

export interface ListDrainsInput {
  namespace: Namespace;
  /** Seconds left and waiting times are counted from it. */
  now: Date;
  pool?: PoolName | undefined;
  runnerId?: RunnerId | undefined;
  /** Only these drains (their ids), in progress or finished, whatever their age. */
  ids?: readonly bigint[] | undefined;
  /** Finished drains are listed if they ended this many seconds before `now` or later. @default 3600 */
  finishedWithinSeconds?: number | undefined;
  /** At most this many finished drains, the latest first. @default 100 */
  finishedLimit?: number | undefined;
  /** The checkpoint that tells which commands were sent. @default RUNNER_COMMANDS_CHECKPOINT */
  relayCheckpoint?: string | undefined;
}

/**
 * The drains of a namespace: every drain in progress (oldest request first), then the recently finished
 * ones (latest end first). Sessions come from the heartbeats (`runner_liveness`) when they are newer than
 * the log's; a drain notice or stop counts as sent once the runner-command relay's checkpoint reached it.
 */
export async function listDrains(db: Kysely<EventLogDatabase>, input: ListDrainsInput): Promise<DrainView[]> {
  const { namespace, now, pool, runnerId, ids } = input;
  let query = readModelDb(db)
    .selectFrom('drains as d')
    .leftJoin('runner_liveness as l', (join) =>
      join.onRef('l.namespace', '=', 'd.namespace').onRef('l.runner_id', '=', 'd.runner_id'),
    )
    .selectAll('d')
    .select(['l.active_sessions as live_sessions', 'l.last_seen_at as live_seen_at'])
    .where('d.namespace', '=', namespace);
  if (pool !== undefined) query = query.where('d.pool', '=', pool);
  if (runnerId !== undefined) query = query.where('d.runner_id', '=', runnerId);

  const rows =
    ids === undefined
      ? [
          ...(await query
            .where('d.phase', 'in', OPEN_DRAIN_PHASES)
            .orderBy('d.requested_at')
            .orderBy('d.id')
            .execute()),
          ...(await query
            .where('d.ended_at', '>=', new Date(now.getTime() - (input.finishedWithinSeconds ?? 3600) * 1000))
            .orderBy('d.ended_at', 'desc')
            .orderBy('d.id', 'desc')
            .limit(input.finishedLimit ?? 100)
            .execute()),
        ]
      : ids.length === 0
        ? []
        : await query
            .where(
              'd.id',
              'in',
              ids.map((id) => id.toString()),
            )
            .orderBy('d.id')
            .execute();

  const relayPosition = await readCheckpoint(db, input.relayCheckpoint ?? RUNNER_COMMANDS_CHECKPOINT);
  return rows.map(({ live_sessions, live_seen_at, ...row }) =>
    drainViewOf(fromDrainsDbRow(row), {
      liveness:
        live_sessions === null || live_seen_at === null
          ? null
          : { activeSessions: live_sessions, lastSeenAt: live_seen_at.toISOString() },
      relayPosition,
      now,
    }),
  );
}
