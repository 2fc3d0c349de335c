import type { IsoTimestamp, Namespace, RunnerId } from '@rollcall/contracts';
import type { PoolRunner } from '@rollcall/domain';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { readModelDb } from '@rollcall/projections';
import type { Kysely } from 'kysely';

/**
 * The runner's latest sign of life: its last heartbeat (`runner_liveness`, kept out of the log by rule 6)
 * or, when that is older or missing, the latest the log recorded (its connect, its last idle transition).
 */
export async function lastSeenAt(
  db: Kysely<EventLogDatabase>,
  { namespace, runnerId }: { namespace: Namespace; runnerId: RunnerId },
  runner: Pick<PoolRunner, 'connectedAt' | 'idleSince'>,
): Promise<IsoTimestamp> {
  const row = await readModelDb(db)
    .selectFrom('runner_liveness')
    .select('last_seen_at')
    .where('namespace', '=', namespace)
    .where('runner_id', '=', runnerId)
    .executeTakeFirst();
  const candidates = [Date.parse(runner.connectedAt)];
  if (runner.idleSince !== null) candidates.push(Date.parse(runner.idleSince));
  if (row !== undefined) candidates.push(row.last_seen_at.getTime());
  return new Date(Math.max(...candidates)).toISOString();
}
