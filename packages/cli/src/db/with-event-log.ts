import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { EventLogNotFoundError } from './event-log-not-found-error';

/** Postgres' `undefined_table`. */
const UNDEFINED_TABLE = '42P01';

function isUndefinedTable(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === UNDEFINED_TABLE;
}

/**
 * Runs `work` on a small pool of the event log's database and closes the pool however `work` ends. A
 * database without the log's tables is reported as such rather than as a bare SQL error.
 */
export async function withEventLog<T>(
  databaseUrl: string,
  work: (db: Kysely<EventLogDatabase>) => Promise<T>,
): Promise<T> {
  const { createEventLogDb } = await import('@rollcall/eventlog');
  const db = createEventLogDb({ connectionString: databaseUrl, max: 2, applicationName: 'rollcall-cli' });
  try {
    return await work(db);
  } catch (error) {
    if (isUndefinedTable(error)) throw new EventLogNotFoundError({ cause: error });
    throw error;
  } finally {
    await db.destroy();
  }
}
