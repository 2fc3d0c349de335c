import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';

export interface RunnerRef {
  namespace: string;
  runnerId: string;
}

/**
 * The pool each runner last connected to, in one statement, keyed `<namespace>/<runnerId>`; a runner the
 * registry never saw connect is missing from the result.
 */
export async function runnerPools(
  db: Kysely<EventLogDatabase>,
  runners: readonly RunnerRef[],
): Promise<Map<string, string>> {
  if (runners.length === 0) return new Map();
  const { rows } = await sql<{ namespace: string; runner_id: string; pool: string }>`
    SELECT l.namespace, l.runner_id, l.pool
    FROM unnest(${runners.map((r) => r.namespace)}::text[], ${runners.map((r) => r.runnerId)}::text[])
      AS i(namespace, runner_id)
    JOIN runner_liveness l ON l.namespace = i.namespace AND l.runner_id = i.runner_id`.execute(db);
  return new Map(rows.map((row) => [runnerKey(row.namespace, row.runner_id), row.pool]));
}

export function runnerKey(namespace: string, runnerId: string): string {
  return `${namespace}/${runnerId}`;
}
