import { RolloutListReply, RolloutView } from '@rollcall/contracts';
import { RolloutNotFoundError } from '@rollcall/domain';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { handleRolloutCommand, loadRollout, rolloutViewOf, startRollout } from '@rollcall/rollout-commands';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { OperatorAuth } from '../auth/operator-auth';
import { listRollouts } from '../rollouts/list-rollouts';
import { StartRolloutBody, SteerRolloutBody } from '../rollouts/rollout-bodies';
import { RolloutErrorReply, rolloutErrorHandler } from '../rollouts/rollout-error-handler';
import { RolloutListQuery, RolloutParams } from '../rollouts/rollout-params';
import { STEERING_ACTIONS, steeringCommand } from '../rollouts/steering-command';
import { NamespaceParams, PoolParams } from '../route-params';

export interface RolloutRoutesOptions {
  db: Kysely<EventLogDatabase>;
  auth: OperatorAuth;
  clock: () => Date;
}

const refusals = {
  400: RolloutErrorReply,
  401: ErrorReply,
  403: ErrorReply,
  404: RolloutErrorReply,
  409: RolloutErrorReply,
};

/**
 * Rollouts of a pool to a published version: operators start one (one per pool at a time) and steer it
 * (pause, resume, abort, rollback, approve or reject its canary gate); anyone reads them, each folded from
 * its stream with a result per target. Every write answers the rollout as the decision left it, and needs
 * the operator token, whose actor it records.
 */
export const rolloutRoutes: FastifyPluginAsyncZod<RolloutRoutesOptions> = async (
  app,
  { db, auth, clock },
) => {
  app.setErrorHandler(rolloutErrorHandler);

  app.post(
    '/v1/namespaces/:ns/pools/:pool/rollouts',
    {
      schema: { params: PoolParams, body: StartRolloutBody, response: { 201: RolloutView, ...refusals } },
    },
    async (request, reply) => {
      const { ns: namespace, pool } = request.params;
      const { state } = await startRollout(
        db,
        { namespace, pool, ...request.body },
        { now: clock(), actor: auth.actorOf(request), correlationId: request.id },
      );
      return reply.code(201).send(rolloutViewOf(state));
    },
  );

  app.get(
    '/v1/namespaces/:ns/rollouts',
    {
      schema: {
        params: NamespaceParams,
        querystring: RolloutListQuery,
        response: { 200: RolloutListReply, 400: ErrorReply },
      },
    },
    async (request) => ({
      rollouts: await listRollouts(db, { namespace: request.params.ns, ...request.query }),
    }),
  );

  app.get(
    '/v1/namespaces/:ns/rollouts/:id',
    {
      schema: {
        params: RolloutParams,
        response: { 200: RolloutView, 400: ErrorReply, 404: RolloutErrorReply },
      },
    },
    async (request) => {
      const ref = { namespace: request.params.ns, rolloutId: request.params.id };
      const { state } = await loadRollout(db, ref);
      if (state.status === 'empty') throw new RolloutNotFoundError(ref);
      return rolloutViewOf(state);
    },
  );

  for (const action of STEERING_ACTIONS) {
    app.post(
      `/v1/namespaces/:ns/rollouts/:id/${action}`,
      {
        schema: {
          params: RolloutParams,
          body: SteerRolloutBody,
          response: { 200: RolloutView, ...refusals },
        },
      },
      async (request) => {
        const ref = { namespace: request.params.ns, rolloutId: request.params.id };
        const metadata = { now: clock(), actor: auth.actorOf(request) };
        const { state } = await handleRolloutCommand(
          db,
          steeringCommand(action, ref, request.body?.reason, metadata),
          { metadata: { correlationId: request.id } },
        );
        // The domain refuses a command for a rollout that does not exist, so this is a started rollout.
        if (state.status === 'empty') throw new RolloutNotFoundError(ref);
        return rolloutViewOf(state);
      },
    );
  }
};
