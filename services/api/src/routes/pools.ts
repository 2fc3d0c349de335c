import { PoolView } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { listPools } from '@rollcall/projections';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { NamespaceParams } from '../route-params';

export interface PoolRoutesOptions {
  db: Kysely<EventLogDatabase>;
}

const PoolsReply = z.object({ pools: z.array(PoolView) });

/** `GET /v1/namespaces/:ns/pools`: each pool's config, versions in service and catalog, by name. */
export const poolRoutes: FastifyPluginAsyncZod<PoolRoutesOptions> = async (app, { db }) => {
  app.get(
    '/v1/namespaces/:ns/pools',
    { schema: { params: NamespaceParams, response: { 200: PoolsReply, 400: ErrorReply } } },
    async (request) => ({ pools: await listPools(db, { namespace: request.params.ns }) }),
  );
};
