import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { namingPool } from './prepared-statements';
import type { EventLogDatabase } from './tables';

export interface CreateEventLogDbOptions {
  connectionString: string;
  /** Pool size. @default 10 */
  max?: number;
  applicationName?: string;
  /** Told when an idle pooled connection fails (the pool replaces it); silent without one. */
  logger?: Logger;
}

const INT8_OID = 20;
const JSON_OID = 114;
const JSONB_OID = 3802;

/**
 * A kysely handle on the event log: a pg.Pool whose int8 values arrive as text (each query turns them into
 * bigint) whatever pg's global parsers say, json and jsonb parsed with plain JSON.parse, and the package's hot statements prepared.
 */
export function createEventLogDb(options: CreateEventLogDbOptions): Kysely<EventLogDatabase> {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, (value: string) => value);
  // Plain JSON.parse on this pool alone: another library in the process may replace pg's global json parsers
  // (Emmett's driver installs one with a reviver, which cut event reads by 40% in the bench).
  types.setTypeParser(JSON_OID, JSON.parse);
  types.setTypeParser(JSONB_OID, JSON.parse);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    ...(options.applicationName === undefined ? {} : { application_name: options.applicationName }),
    types,
  });
  // Without a listener an idle connection's error (server restart, dropped database) would crash the process.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'idle event log connection failed'));
  return new Kysely<EventLogDatabase>({ dialect: new PostgresDialect({ pool: namingPool(pool) }) });
}
