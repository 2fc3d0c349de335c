import type { Actor, Namespace, RunnerId, UndrainReply } from '@rollcall/contracts';
import { findRunner } from '@rollcall/domain';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { handlePoolCommand } from '@rollcall/pool-commands';
import { getWorker } from '@rollcall/projections';
import type { Kysely } from 'kysely';
import { DrainTargetUnknownError } from './drain-target-unknown-error';

export interface UndrainRunnerInput {
  namespace: Namespace;
  runnerId: RunnerId;
  actor: Actor;
  now: Date;
  correlationId: string;
}

/**
 * Cancels a runner's drain (`Undrain` on its pool, found in the worker map): `RunnerUndrained`, which the
 * runner-command relay sends on as `undrain`, and the runner takes sessions again. A runner whose stop was
 * requested, or that is gone, is refused by the aggregate (`InvalidRunnerStatusError`).
 * @throws DrainTargetUnknownError, PoolCommandError, CommandRetriesExhaustedError
 */
export async function undrainRunner(
  db: Kysely<EventLogDatabase>,
  { namespace, runnerId, actor, now, correlationId }: UndrainRunnerInput,
): Promise<UndrainReply> {
  const worker = await getWorker(db, { namespace, runnerId });
  if (worker === null) throw new DrainTargetUnknownError(namespace, { runnerId });
  const { pool } = worker;
  const result = await handlePoolCommand(
    db,
    { type: 'Undrain', data: { namespace, pool, runnerId }, metadata: { now, actor } },
    { metadata: { correlationId } },
  );
  const status = findRunner(result.state, runnerId)?.status ?? worker.status;
  return { namespace, runnerId, pool, undrained: result.events.length > 0, status };
}
