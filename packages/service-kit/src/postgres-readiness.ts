import { type QueryExecutorProvider, sql } from 'kysely';
import type { ReadinessCheck } from './readiness-check';
import { redactUrl } from './redact-url';

export interface PostgresReadinessOptions {
  /** The connection string, shown (without its password) when the check fails. */
  connectionString?: string;
}

/** Ready when Postgres answers `select 1` through the service's own pool. */
export function postgresReadiness(
  db: QueryExecutorProvider,
  { connectionString }: PostgresReadinessOptions = {},
): ReadinessCheck {
  return {
    name: 'postgres',
    ...(connectionString === undefined ? {} : { target: redactUrl(connectionString) }),
    check: async (signal) => {
      await sql`select 1`.execute(db, { signal });
    },
  };
}
