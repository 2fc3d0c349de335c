import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import type { ReadModelTables } from './tables';

export type ReadModelDatabase = EventLogDatabase & ReadModelTables;

/** The event log's Kysely, typed to see the read model tables too (same pool, no new connection). */
export function readModelDb(db: Kysely<EventLogDatabase>): Kysely<ReadModelDatabase> {
  return db.withTables<ReadModelTables>();
}
