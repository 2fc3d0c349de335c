import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { EventLogDatabase } from './tables';

export interface CreateEventLogDbOptions {
  connectionString: string;
  /** Pool size. @default 10 */
  max?: number;
  applicationName?: string;
}

const INT8_OID = 20;

// Per-pool parsers: int8 stays text (converted to bigint inside each query) even if some other code
// changed pg's global parsers; jsonb keeps pg's default JSON.parse.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => value
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export function createEventLogDb(options: CreateEventLogDbOptions): Kysely<EventLogDatabase> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    ...(options.applicationName === undefined ? {} : { application_name: options.applicationName }),
    types,
  });
  return new Kysely<EventLogDatabase>({ dialect: new PostgresDialect({ pool }) });
}
