import { DrainView, LogPosition, PoolName, RunnerId } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { listDrains } from '@rollcall/projections';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { NamespaceParams } from '../route-params';

export interface DrainRoutesOptions {
  db: Kysely<EventLogDatabase>;
  /** Seconds left and waiting times are counted from it. */
  clock: () => Date;
}

const DrainsQuery = z.object({
  pool: PoolName.optional(),
  runnerId: RunnerId.optional(),
  id: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')))
    .pipe(z.array(LogPosition).min(1))
    .optional()
    .describe(
      'Only these drains, in progress or finished whatever their age; repeat it or separate ids with commas.',
    ),
  finishedWithin: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int({ error: 'must be a whole number of seconds' })
    .min(0, { error: 'must be 0 or more seconds' })
    .max(30 * 24 * 3600, { error: 'must be at most 2592000 (30 days)' })
    .default(3600)
    .describe('Finished drains are listed if they ended at most this many seconds ago.'),
  finishedLimit: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be 0 or more' })
    .max(1000, { error: 'must be at most 1000' })
    .default(100)
    .describe('At most this many finished drains, the latest first.'),
});

const DrainsReply = z.object({ drains: z.array(DrainView) });

/**
 * `GET /v1/namespaces/:ns/drains`: every drain in progress (oldest request first), then the drains that
 * finished recently (latest first), each with its state and what it still waits for.
 */
export const drainRoutes: FastifyPluginAsyncZod<DrainRoutesOptions> = async (app, { db, clock }) => {
  app.get(
    '/v1/namespaces/:ns/drains',
    {
      schema: {
        params: NamespaceParams,
        querystring: DrainsQuery,
        response: { 200: DrainsReply, 400: ErrorReply },
      },
    },
    async (request) => {
      const { pool, runnerId, id, finishedWithin, finishedLimit } = request.query;
      const drains = await listDrains(db, {
        namespace: request.params.ns,
        now: clock(),
        pool,
        runnerId,
        ids: id,
        finishedWithinSeconds: finishedWithin,
        finishedLimit,
      });
      return { drains };
    },
  );
};
