import { PoolConfigView, PoolView } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { handlePoolCommand, loadPool } from '@rollcall/pool-commands';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { OperatorAuth } from '../auth/operator-auth';
import { poolCommandErrorHandler } from '../commands/pool-command-error-handler';
import { poolViewOf } from '../commands/pool-view-of';
import { PoolParams } from '../route-params';

export interface PoolConfigRoutesOptions {
  db: Kysely<EventLogDatabase>;
  auth: OperatorAuth;
  clock: () => Date;
}

/**
 * The whole config (PUT replaces it; `maxVersionStep` falls back to its default when left out). Unknown
 * fields are refused, so a misspelt setting is named instead of silently left at its old value.
 */
const PoolConfigBody = PoolConfigView.strict();

/** `PUT /v1/namespaces/:ns/pools/:pool/config`: an operator configures a pool (the ConfigurePool command). */
export const poolConfigRoutes: FastifyPluginAsyncZod<PoolConfigRoutesOptions> = async (
  app,
  { db, auth, clock },
) => {
  app.setErrorHandler(poolCommandErrorHandler);

  // Straight from the pool's stream, not the read models: a read-modify-write of the config (the CLI's
  // `pools configure`) must start from the last write, which the projector may not have folded yet.
  app.get(
    '/v1/namespaces/:ns/pools/:pool/config',
    { schema: { params: PoolParams, response: { 200: PoolView } } },
    async (request) => {
      const { ns: namespace, pool } = request.params;
      const { state } = await loadPool(db, { namespace, pool });
      return poolViewOf({ namespace, pool }, state);
    },
  );

  app.put(
    '/v1/namespaces/:ns/pools/:pool/config',
    {
      schema: {
        params: PoolParams,
        body: PoolConfigBody,
        response: { 200: PoolView, 400: ErrorReply, 401: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const { ns: namespace, pool } = request.params;
      const result = await handlePoolCommand(
        db,
        {
          type: 'ConfigurePool',
          data: { namespace, pool, ...request.body },
          metadata: { now: clock(), actor: auth.actorOf(request) },
        },
        { metadata: { correlationId: request.id } },
      );
      return poolViewOf({ namespace, pool }, result.state);
    },
  );
};
