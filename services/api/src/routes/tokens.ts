import { randomUUID } from 'node:crypto';
import {
  AccessRole,
  AccessTokenList,
  AccessTokenView,
  CreatedAccessToken,
  Namespace,
  TokenId,
  TokenName,
} from '@rollcall/contracts';
import type { AccessState } from '@rollcall/domain';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { accessCommandErrorHandler } from '../auth/access-command-error-handler';
import { accessTokenViewOf } from '../auth/access-token-view-of';
import type { AccessTokens } from '../auth/access-tokens';
import { handleAccessCommand } from '../auth/handle-access-command';
import type { OperatorAuth } from '../auth/operator-auth';
import { TokenMissingError } from '../auth/token-missing-error';
import { hashTokenSecret, newTokenSecret } from '../auth/token-secret';

export interface TokenRoutesOptions {
  db: Kysely<EventLogDatabase>;
  tokens: AccessTokens;
  auth: OperatorAuth;
  clock: () => Date;
}

const CreateTokenBody = z
  .object({
    role: AccessRole,
    /** Left out: a global token. */
    namespace: Namespace.optional(),
    name: TokenName,
  })
  .strict();

const TokenParams = z.object({ tokenId: TokenId });

/** The token a decision left in the state: the answer shows the log's own record. */
function viewIn(state: AccessState, tokenId: string): AccessTokenView {
  const token = state.tokens.get(tokenId);
  if (token === undefined) throw new TokenMissingError(tokenId);
  return accessTokenViewOf(token);
}

/**
 * Access tokens, for global admins only: create one (its secret is in the answer, once; the log keeps its
 * hash), list them, revoke one (the next request with it gets 401, on every replica).
 */
export const tokenRoutes: FastifyPluginAsyncZod<TokenRoutesOptions> = async (
  app,
  { db, tokens, auth, clock },
) => {
  app.setErrorHandler(accessCommandErrorHandler);

  app.post(
    '/v1/tokens',
    {
      config: { access: 'admin' },
      schema: {
        body: CreateTokenBody,
        response: {
          201: CreatedAccessToken,
          400: ErrorReply,
          401: ErrorReply,
          403: ErrorReply,
          409: ErrorReply,
        },
      },
    },
    async (request, reply) => {
      const { role, namespace = null, name } = request.body;
      const token = newTokenSecret();
      const tokenId = randomUUID();
      const result = await handleAccessCommand(
        db,
        tokens,
        {
          type: 'CreateAccessToken',
          data: { tokenId, name, role, namespace, tokenHash: hashTokenSecret(token) },
          metadata: { now: clock(), actor: auth.actorOf(request) },
        },
        { correlationId: request.id },
      );
      return reply.code(201).send({ ...viewIn(result.state, tokenId), token });
    },
  );

  app.get(
    '/v1/tokens',
    {
      config: { access: 'admin' },
      schema: { response: { 200: AccessTokenList, 401: ErrorReply, 403: ErrorReply } },
    },
    async () => {
      const { state } = await tokens.current();
      // The state's map keeps log order: oldest first.
      return { tokens: [...state.tokens.values()].map(accessTokenViewOf) };
    },
  );

  app.delete(
    '/v1/tokens/:tokenId',
    {
      config: { access: 'admin' },
      schema: {
        params: TokenParams,
        response: {
          200: AccessTokenView,
          400: ErrorReply,
          401: ErrorReply,
          403: ErrorReply,
          404: ErrorReply,
        },
      },
    },
    async (request) => {
      const { tokenId } = request.params;
      const result = await handleAccessCommand(
        db,
        tokens,
        {
          type: 'RevokeAccessToken',
          data: { tokenId },
          metadata: { now: clock(), actor: auth.actorOf(request) },
        },
        { correlationId: request.id },
      );
      return viewIn(result.state, tokenId);
    },
  );
};
