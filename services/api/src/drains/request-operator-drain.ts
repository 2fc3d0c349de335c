import {
  type Actor,
  type CreatedDrain,
  type Namespace,
  type OperatorDrainReply,
  type PoolName,
  poolStream,
} from '@rollcall/contracts';
import {
  type DrainTarget,
  DrainTargetNotFoundError,
  decide,
  findRunner,
  type PoolRunner,
  type PoolState,
  type RequestDrain,
  runnersOfServer,
} from '@rollcall/domain';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { handlePoolCommand, type PoolCommandResult, poolStateCache } from '@rollcall/pool-commands';
import { getWorker, listWorkers } from '@rollcall/projections';
import type { Kysely } from 'kysely';
import { DrainTargetUnknownError, type NamedDrainTarget } from './drain-target-unknown-error';
import type { OperatorDrain, OperatorDrainTarget } from './operator-drain-body';

export interface RequestOperatorDrainInput {
  namespace: Namespace;
  drain: OperatorDrain;
  actor: Actor;
  now: Date;
  /** Recorded on every event (the request id). */
  correlationId: string;
}

const IN_SERVICE: ReadonlySet<PoolRunner['status']> = new Set(['active', 'draining', 'stopping']);

/**
 * An operator drain: finds the pools the target spans (a runner or server from the worker map; a version
 * names its pool), decides the drain against every pool's aggregate before appending anything (so a refusal
 * in one pool writes nothing anywhere), then appends one `RequestDrain` per pool through the pool command
 * handler. Pools are separate aggregates, so the appends are not one transaction: each pool's drain is atomic
 * and recorded with the actor, and a retry of the request drains only what is still active.
 * @throws DrainTargetUnknownError, PoolCommandError, CommandRetriesExhaustedError
 */
export async function requestOperatorDrain(
  db: Kysely<EventLogDatabase>,
  { namespace, drain, actor, now, correlationId }: RequestOperatorDrainInput,
): Promise<OperatorDrainReply> {
  const target = domainTarget(drain.target);
  const command = (pool: PoolName): RequestDrain => ({
    type: 'RequestDrain',
    data: { namespace, pool, target, reason: drain.reason, deadlineSeconds: drain.deadlineSeconds },
    metadata: { now, actor },
  });

  const cache = poolStateCache(db);
  const pools: PoolName[] = [];
  for (const pool of await targetPools(db, namespace, drain.target)) {
    const { state } = await cache.catchUp(poolStream(namespace, pool));
    try {
      decide(command(pool), state);
      pools.push(pool);
    } catch (error) {
      // The worker map may be a moment behind the aggregate: a pool it names that has no such runner is skipped.
      if (!(error instanceof DrainTargetNotFoundError)) throw error;
      if (drain.target.by !== 'serverId')
        throw new DrainTargetUnknownError(namespace, named(drain.target), { cause: error });
    }
  }

  const reply: OperatorDrainReply = { drains: [], unchanged: [] };
  for (const pool of pools) {
    const result = await handlePoolCommand(db, command(pool), { cache, metadata: { correlationId } });
    const created = createdDrains(namespace, result);
    reply.drains.push(...created);
    const drained = new Set(created.map((row) => row.runnerId));
    for (const runner of targetedRunners(result.state, target, drain.target.by === 'runnerIds')) {
      if (!drained.has(runner.runnerId))
        reply.unchanged.push({ runnerId: runner.runnerId, pool, status: runner.status });
    }
  }
  return reply;
}

function domainTarget(target: OperatorDrainTarget): DrainTarget {
  return target.by === 'version' ? { by: 'version', version: target.version } : target;
}

function named(target: OperatorDrainTarget): NamedDrainTarget {
  switch (target.by) {
    case 'runnerIds':
      return { runnerId: target.runnerIds.join(', ') };
    case 'serverId':
      return { serverId: target.serverId };
    case 'version':
      return { pool: target.pool, version: target.version };
  }
}

/** The pools a target spans, by name; a runner or server nobody knows is a `DrainTargetUnknownError`. */
async function targetPools(
  db: Kysely<EventLogDatabase>,
  namespace: Namespace,
  target: OperatorDrainTarget,
): Promise<PoolName[]> {
  switch (target.by) {
    case 'runnerIds': {
      const pools = new Set<PoolName>();
      for (const runnerId of target.runnerIds) {
        const worker = await getWorker(db, { namespace, runnerId });
        if (worker === null) throw new DrainTargetUnknownError(namespace, { runnerId });
        pools.add(worker.pool);
      }
      return [...pools].sort();
    }
    case 'serverId': {
      const workers = await listWorkers(db, { namespace, serverId: target.serverId });
      if (workers.length === 0) throw new DrainTargetUnknownError(namespace, { serverId: target.serverId });
      return [...new Set(workers.filter((w) => IN_SERVICE.has(w.status)).map((w) => w.pool))].sort();
    }
    case 'version':
      return [target.pool];
  }
}

/** The drains a pool command appended, with the runner's version and server as the pool knows them. */
function createdDrains(namespace: Namespace, result: PoolCommandResult): CreatedDrain[] {
  const created: CreatedDrain[] = [];
  result.events.forEach((event, index) => {
    const position = result.positions[index];
    if (event.type !== 'RunnerDrainRequested' || position === undefined) return;
    const runner = findRunner(result.state, event.data.runnerId);
    if (runner === undefined) return;
    const { pool, runnerId, reason, requestedBy, requestedAt, deadline } = event.data;
    created.push({
      id: position.toString(),
      namespace,
      runnerId,
      pool,
      version: runner.version,
      serverId: runner.serverId,
      reason,
      requestedBy,
      requestedAt,
      deadline,
    });
  });
  return created;
}

/**
 * The runners a target names in a pool, to report those it left alone. A server or version target reports
 * the runners still in service (their history would be noise); a runner named by id is reported whatever it is.
 */
function targetedRunners(state: PoolState, target: DrainTarget, byId: boolean): PoolRunner[] {
  if (state.status === 'empty') return [];
  const runners =
    target.by === 'runnerIds'
      ? target.runnerIds.flatMap((runnerId) => findRunner(state, runnerId) ?? [])
      : target.by === 'serverId'
        ? runnersOfServer(state, target.serverId)
        : [...state.runners.values()].filter((runner) => runner.version === target.version);
  const reported = byId ? runners : runners.filter((runner) => IN_SERVICE.has(runner.status));
  return reported.sort((a, b) => (a.runnerId < b.runnerId ? -1 : a.runnerId > b.runnerId ? 1 : 0));
}
