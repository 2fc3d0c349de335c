import { CatalogReply, CatalogVersionView, type Version } from '@rollcall/contracts';
import type { PoolState } from '@rollcall/domain';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { handlePoolCommand } from '@rollcall/pool-commands';
import { listPools } from '@rollcall/projections';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { OperatorAuth } from '../auth/operator-auth';
import { PoolParams } from '../route-params';
import { CatalogEntryMissingError } from '../versions/catalog-entry-missing-error';
import { catalogEntryOf } from '../versions/catalog-entry-of';
import { PublishVersionBody, YankVersionBody } from '../versions/version-bodies';
import {
  CatalogNotFoundReply,
  VersionConflictReply,
  versionErrorHandler,
} from '../versions/version-error-handler';
import { PoolVersionParams } from '../versions/version-params';

export interface VersionRoutesOptions {
  db: Kysely<EventLogDatabase>;
  auth: OperatorAuth;
  clock: () => Date;
}

/** The entry the write left in the aggregate: the answer shows it at once, where the read model may lag. */
function entryIn(state: PoolState, pool: string, version: Version): CatalogVersionView {
  const entry = state.status === 'open' ? state.catalog.get(version) : undefined;
  if (entry === undefined) throw new CatalogEntryMissingError(pool, version);
  return catalogEntryOf(entry);
}

/**
 * A pool's version catalog: operators publish versions (immutable once published) and yank the ones that must
 * never be rolled out; anyone reads the catalog from the pools read model. Writes need the operator token
 * and record its actor.
 */
export const versionRoutes: FastifyPluginAsyncZod<VersionRoutesOptions> = async (
  app,
  { db, auth, clock },
) => {
  app.setErrorHandler(versionErrorHandler);

  app.post(
    '/v1/namespaces/:ns/pools/:pool/versions',
    {
      schema: {
        params: PoolParams,
        body: PublishVersionBody,
        response: {
          200: CatalogVersionView,
          201: CatalogVersionView,
          400: ErrorReply,
          401: ErrorReply,
          409: VersionConflictReply,
        },
      },
    },
    async (request, reply) => {
      const { ns: namespace, pool } = request.params;
      const result = await handlePoolCommand(
        db,
        {
          type: 'PublishVersion',
          data: { namespace, pool, ...request.body },
          metadata: { now: clock(), actor: auth.actorOf(request) },
        },
        { metadata: { correlationId: request.id } },
      );
      const entry = entryIn(result.state, pool, request.body.version);
      return reply.code(result.events.length > 0 ? 201 : 200).send(entry);
    },
  );

  app.get(
    '/v1/namespaces/:ns/pools/:pool/versions',
    {
      schema: {
        params: PoolParams,
        response: { 200: CatalogReply, 400: ErrorReply, 404: CatalogNotFoundReply },
      },
    },
    async (request, reply) => {
      const { ns: namespace, pool } = request.params;
      const [found] = await listPools(db, { namespace, pool });
      if (found === undefined) {
        return reply.code(404).send({
          error: 'pool_not_found',
          message: `pool ${pool} is not known in namespace ${namespace}`,
          namespace,
          pool,
        } satisfies z.infer<typeof CatalogNotFoundReply>);
      }
      return { namespace, pool, versions: found.catalog };
    },
  );

  app.post(
    '/v1/namespaces/:ns/pools/:pool/versions/:version/yank',
    {
      schema: {
        params: PoolVersionParams,
        body: YankVersionBody,
        response: {
          200: CatalogVersionView,
          400: ErrorReply,
          401: ErrorReply,
          404: CatalogNotFoundReply,
        },
      },
    },
    async (request) => {
      const { ns: namespace, pool, version } = request.params;
      const result = await handlePoolCommand(
        db,
        {
          type: 'YankVersion',
          data: { namespace, pool, version, reason: request.body.reason },
          metadata: { now: clock(), actor: auth.actorOf(request) },
        },
        { metadata: { correlationId: request.id } },
      );
      return entryIn(result.state, pool, version);
    },
  );
};
