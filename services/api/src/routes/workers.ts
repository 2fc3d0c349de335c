import {
  IsoTimestamp,
  LogPosition,
  PoolName,
  PositionString,
  ServerId,
  WorkerMapRow,
  WorkerStatus,
} from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { getWorker, listWorkers, positionAt, workersAt } from '@rollcall/projections';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { NamespaceParams, RunnerParams } from '../route-params';

export interface WorkerRoutesOptions {
  db: Kysely<EventLogDatabase>;
}

const AT_ERROR = 'must be a log position (decimal digits) or an ISO-8601 time with a zone';

/** `at`: a log position, or a time that stands for the last position recorded at or before it. */
const TimeTravelPoint = z.union([LogPosition, IsoTimestamp.transform((time) => new Date(time))], {
  error: AT_ERROR,
});

const WorkersQuery = z.object({
  pool: PoolName.optional(),
  available: z
    .stringbool({ error: 'must be true or false' })
    .optional()
    .describe('true: only runners that may take a session (active, no drain); false: only the others.'),
  serverId: ServerId.optional(),
  status: WorkerStatus.optional(),
  at: TimeTravelPoint.optional().describe('Show the worker map as it was at this log position or time.'),
});

const WorkersReply = z.object({
  workers: z.array(WorkerMapRow),
  /** With `at`: the log position the map was folded to. */
  at: PositionString.optional(),
});

const RunnerNotFoundReply = ErrorReply.extend({ namespace: z.string(), runnerId: z.string() });

/**
 * `GET /v1/namespaces/:ns/workers` (the worker map, filtered; `at` travels back through the log) and
 * `GET /v1/namespaces/:ns/workers/:runnerId` (one runner, 404 naming it when the map never saw it).
 */
export const workerRoutes: FastifyPluginAsyncZod<WorkerRoutesOptions> = async (app, { db }) => {
  app.get(
    '/v1/namespaces/:ns/workers',
    {
      schema: {
        params: NamespaceParams,
        querystring: WorkersQuery,
        response: { 200: WorkersReply, 400: ErrorReply },
      },
    },
    async (request) => {
      const { at, ...filters } = request.query;
      const query = { namespace: request.params.ns, ...filters };
      if (at === undefined) return { workers: await listWorkers(db, query) };
      const position = typeof at === 'bigint' ? at : await positionAt(db, { time: at });
      return { workers: await workersAt(db, { ...query, position }), at: position.toString() };
    },
  );

  app.get(
    '/v1/namespaces/:ns/workers/:runnerId',
    {
      schema: {
        params: RunnerParams,
        response: { 200: WorkerMapRow, 400: ErrorReply, 404: RunnerNotFoundReply },
      },
    },
    async (request, reply) => {
      const { ns: namespace, runnerId } = request.params;
      const worker = await getWorker(db, { namespace, runnerId });
      if (worker !== null) return worker;
      return reply.code(404).send({
        error: 'runner_not_found',
        message: `runner ${runnerId} is not in the worker map of namespace ${namespace}`,
        namespace,
        runnerId,
      });
    },
  );
};
