import type { Kysely } from 'kysely';
import type { EventLogDatabase } from './tables';

/** The highest committed global position, `0n` when the log is empty. Gaps below it may still be open. */
export async function headPosition(db: Kysely<EventLogDatabase>): Promise<bigint> {
  const row = await db
    .selectFrom('events')
    .select(({ fn }) => fn.max('global_position').as('head'))
    .executeTakeFirst();
  return BigInt(row?.head ?? 0);
}
