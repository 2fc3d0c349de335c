import { PoolName, WorkerMapRow } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { listPools, listWorkers, placeSession } from '@rollcall/projections';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { NamespaceParams } from '../route-params';

export interface PlacementRoutesOptions {
  db: Kysely<EventLogDatabase>;
}

const PlacementQuery = z.object({ pool: PoolName });

/**
 * `GET /v1/namespaces/:ns/placement?pool=`: a runner for a new session (available, a free slot, least
 * loaded first), never one whose drain is recorded. 404 when the pool is unknown; 409 when it is known but
 * no runner can take a session now, saying why.
 */
export const placementRoutes: FastifyPluginAsyncZod<PlacementRoutesOptions> = async (app, { db }) => {
  app.get(
    '/v1/namespaces/:ns/placement',
    {
      schema: {
        params: NamespaceParams,
        querystring: PlacementQuery,
        response: { 200: WorkerMapRow, 400: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const namespace = request.params.ns;
      const { pool } = request.query;
      const runner = await placeSession(db, { namespace, pool });
      if (runner !== null) return runner;

      const [known] = await listPools(db, { namespace, pool });
      if (known === undefined) {
        return reply.code(404).send({
          error: 'pool_not_found',
          message: `pool ${pool} is not known in namespace ${namespace}: no runner ever connected to it and it has no config`,
        });
      }
      const live = (await listWorkers(db, { namespace, pool })).filter((worker) =>
        ['active', 'draining', 'stopping'].includes(worker.status),
      );
      return reply.code(409).send({
        error: 'no_runner_available',
        message: `pool ${pool} in namespace ${namespace} has no runner that can take a session: ${whyNone(live)}`,
      });
    },
  );
};

/** Says what the runners in service are doing instead, e.g. "2 draining, 1 active with every slot taken". */
function whyNone(live: readonly WorkerMapRow[]): string {
  if (live.length === 0) return 'no runner is in service';
  const count = (matches: (worker: WorkerMapRow) => boolean) => live.filter(matches).length;
  const parts = [
    [count((w) => w.available && w.activeSessions >= w.slots), 'active with every slot taken'],
    // The placement also skips runners whose drain or stop is in the log but not in the map yet.
    [count((w) => w.available && w.activeSessions < w.slots), 'with a drain or stop just recorded'],
    [count((w) => w.status === 'draining'), 'draining'],
    [count((w) => w.status === 'stopping'), 'stopping'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(', ');
}
