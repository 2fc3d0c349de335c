import { OperatorDrainReply, UndrainReply } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { OperatorAuth } from '../auth/operator-auth';
import {
  DrainTargetNotFoundReply,
  drainErrorHandler,
  UndrainRefusedReply,
} from '../drains/drain-error-handler';
import { OperatorDrainBody } from '../drains/operator-drain-body';
import { requestOperatorDrain } from '../drains/request-operator-drain';
import { undrainRunner } from '../drains/undrain-runner';
import { NamespaceParams, RunnerParams } from '../route-params';

export interface OperatorDrainRoutesOptions {
  db: Kysely<EventLogDatabase>;
  auth: OperatorAuth;
  clock: () => Date;
}

/**
 * Operator drains: `POST /v1/namespaces/:ns/drains` drains a runner, every runner of a server (across
 * pools) or every runner of a pool's version; `DELETE /v1/namespaces/:ns/drains/:runnerId` cancels a drain
 * that has not reached its stop. Both need the operator token and record its actor as who asked.
 */
export const operatorDrainRoutes: FastifyPluginAsyncZod<OperatorDrainRoutesOptions> = async (
  app,
  { db, auth, clock },
) => {
  app.post(
    '/v1/namespaces/:ns/drains',
    {
      errorHandler: drainErrorHandler('drain_target_not_found'),
      schema: {
        params: NamespaceParams,
        body: OperatorDrainBody,
        response: {
          200: OperatorDrainReply,
          201: OperatorDrainReply,
          400: ErrorReply,
          401: ErrorReply,
          404: DrainTargetNotFoundReply,
          409: ErrorReply,
        },
      },
    },
    async (request, reply) => {
      const drains = await requestOperatorDrain(db, {
        namespace: request.params.ns,
        drain: request.body,
        actor: auth.actorOf(request),
        now: clock(),
        correlationId: request.id,
      });
      return reply.code(drains.drains.length > 0 ? 201 : 200).send(drains);
    },
  );

  app.delete(
    '/v1/namespaces/:ns/drains/:runnerId',
    {
      errorHandler: drainErrorHandler('runner_not_found'),
      schema: {
        params: RunnerParams,
        response: {
          200: UndrainReply,
          400: ErrorReply,
          401: ErrorReply,
          404: DrainTargetNotFoundReply,
          409: UndrainRefusedReply,
        },
      },
    },
    async (request) =>
      undrainRunner(db, {
        namespace: request.params.ns,
        runnerId: request.params.runnerId,
        actor: auth.actorOf(request),
        now: clock(),
        correlationId: request.id,
      }),
  );
};
