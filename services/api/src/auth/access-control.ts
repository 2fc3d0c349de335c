import type { ErrorReply } from '@rollcall/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessTokens } from './access-tokens';
import { accessVerdict } from './access-verdict';
import { bearerToken } from './bearer-token';
import type { OperatorAuth } from './operator-auth';
import { OperatorAuthMissingError } from './operator-auth-missing-error';
import type { Principal } from './principal';
import { requiredAccess } from './required-access';
import { resolveBearer } from './resolve-bearer';
import { hashTokenSecret } from './token-secret';

export interface AccessControlOptions {
  tokens: AccessTokens;
  /** The bootstrap admin token (`ROLLCALL_ADMIN_TOKEN`): a global admin acting as `admin`. */
  adminToken: string | undefined;
  /** Requests without a token may read everywhere, as a viewer (`ROLLCALL_ANONYMOUS_READS`). */
  anonymousReads: boolean;
}

export interface AccessControl extends OperatorAuth {
  /** The one global onRequest hook every route passes: the whole access policy is enforced here. */
  onRequest(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

const CHALLENGE = 'Bearer realm="rollcall"';

/** The route's `:ns`, or null on a route without one. */
function namespaceParam(params: unknown): string | null {
  if (typeof params !== 'object' || params === null || !('ns' in params)) return null;
  return typeof params.ns === 'string' ? params.ns : null;
}

/**
 * Access control for the whole api: each request's route access (`config.access`, else the default policy
 * of `requiredAccess`) checked against its bearer token, before the body is even parsed, so a refused write
 * learns nothing about its input. 401 (with `WWW-Authenticate`) without a valid token, 403 when the token
 * may not do this here; both say what is needed.
 */
export function accessControl({ tokens, adminToken, anonymousReads }: AccessControlOptions): AccessControl {
  const adminHash = adminToken === undefined ? null : hashTokenSecret(adminToken);
  const principals = new WeakMap<FastifyRequest, Principal>();
  // Said on every 401, since without it a fresh install has no way to make its first token.
  const noAdmin = adminHash === null ? ' (the api has no ROLLCALL_ADMIN_TOKEN configured)' : '';

  const refuse = (reply: FastifyReply, status: 401 | 403, error: string, message: string) => {
    if (status === 401) reply.header('www-authenticate', CHALLENGE);
    return reply.code(status).send({ error, message } satisfies ErrorReply);
  };

  return {
    async onRequest(request, reply) {
      const required = requiredAccess({
        method: request.method,
        url: request.routeOptions.url ?? request.url.split('?')[0] ?? '/',
        declared: request.routeOptions.config.access,
      });
      if (required === 'public') return;

      const secret = bearerToken(request.headers.authorization);
      let principal: Principal | null = null;
      if (secret !== null) {
        const resolved = resolveBearer(secret, { adminHash, tokens: (await tokens.current()).state });
        if (resolved.kind === 'revoked') {
          return refuse(
            reply,
            401,
            'unauthorized',
            `the bearer token ${resolved.name} was revoked${noAdmin}`,
          );
        }
        if (resolved.kind === 'unknown') {
          return refuse(reply, 401, 'unauthorized', `the bearer token is not valid${noAdmin}`);
        }
        principal = resolved.principal;
      }

      const verdict = accessVerdict({
        required,
        principal,
        namespace: namespaceParam(request.params),
        anonymousReads,
      });
      if (!verdict.allowed) {
        return refuse(
          reply,
          verdict.status,
          verdict.error,
          `${verdict.message}${verdict.status === 401 ? noAdmin : ''}`,
        );
      }
      if (principal !== null) principals.set(request, principal);
    },

    actorOf(request) {
      const principal = principals.get(request);
      if (principal === undefined)
        throw new OperatorAuthMissingError(request.routeOptions.url ?? request.url);
      return principal.actor;
    },
  };
}
