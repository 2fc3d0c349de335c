import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';

export interface PositionAtInput {
  time: Date;
}

/**
 * The last global position recorded at or before `time` (`0n` when the log had nothing yet), for
 * `--at <ISO time>`. Walks the primary key backwards from the head, so recent times are cheap.
 */
export async function positionAt(db: Kysely<EventLogDatabase>, { time }: PositionAtInput): Promise<bigint> {
  const row = await db
    .selectFrom('events')
    .select('global_position')
    .where('recorded_at', '<=', time)
    .orderBy('global_position', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? 0n : BigInt(row.global_position);
}
