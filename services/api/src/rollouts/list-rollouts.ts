import type { Namespace, PoolName, RolloutView } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { loadRollout, rolloutViewOf } from '@rollcall/rollout-commands';
import { type Kysely, sql } from 'kysely';

export interface ListRolloutsInput {
  namespace: Namespace;
  pool?: PoolName | undefined;
  /** Only rollouts not yet finished (at most one per pool). */
  active?: boolean | undefined;
  /** Newest rollouts returned. */
  limit: number;
}

/**
 * A namespace's rollouts, newest first, each folded from its own stream: the log is the truth and a rollout
 * is a short stream, so no read model can lag behind it. Found by their `RolloutStarted` (the first event
 * of every rollout stream, which names namespace and pool); active ones are those with no `RolloutFinished`.
 */
export async function listRollouts(
  db: Kysely<EventLogDatabase>,
  { namespace, pool, active = false, limit }: ListRolloutsInput,
): Promise<RolloutView[]> {
  let query = db
    .selectFrom('events as started')
    .select(sql<string>`started.data->>'rolloutId'`.as('rollout_id'))
    .where('started.type', '=', 'RolloutStarted')
    .where('started.category', '=', 'rollout')
    .where(sql<string>`started.data->>'namespace'`, '=', namespace);
  if (pool !== undefined) query = query.where(sql<string>`started.data->>'pool'`, '=', pool);
  if (active) {
    query = query.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('events as finished')
            .select(sql`1`.as('one'))
            .whereRef('finished.stream_name', '=', 'started.stream_name')
            .where('finished.type', '=', 'RolloutFinished'),
        ),
      ),
    );
  }
  const rows = await query.orderBy('started.global_position', 'desc').limit(limit).execute();
  const rollouts = await Promise.all(
    rows.map(({ rollout_id: rolloutId }) => loadRollout(db, { namespace, rolloutId })),
  );
  return rollouts.flatMap(({ state }) =>
    // A rollout that finished between the query and its fold is not active any more.
    state.status === 'empty' || (active && state.outcome !== null) ? [] : [rolloutViewOf(state)],
  );
}
