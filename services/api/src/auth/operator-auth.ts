import { createHash, timingSafeEqual } from 'node:crypto';
import type { Actor } from '@rollcall/contracts';
import type { ErrorReply } from '@rollcall/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OperatorAuthMissingError } from './operator-auth-missing-error';

/** Who the bootstrap admin token acts as, in event metadata and `configuredBy`. */
export const ADMIN_ACTOR = 'admin';

export interface OperatorAuth {
  /** An onRequest hook for write routes: answers 401 unless the request carries a valid bearer token. */
  require(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The actor `require` let through for this request. */
  actorOf(request: FastifyRequest): Actor;
}

/** The bearer token, or null when the header is missing or of another scheme. */
function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

// Both sides hashed to one length: timingSafeEqual needs equal lengths, and a length check would leak it.
const digest = (token: string) => createHash('sha256').update(token).digest();

/**
 * Operator authentication for write routes: `Authorization: Bearer <ROLLCALL_ADMIN_TOKEN>`, compared in
 * constant time. Without a configured token every write is refused, never allowed.
 */
export function operatorAuth(adminToken: string | undefined): OperatorAuth {
  const expected = adminToken === undefined ? null : digest(adminToken);
  const actors = new WeakMap<FastifyRequest, Actor>();

  const refuse = (reply: FastifyReply, message: string) =>
    reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="rollcall"')
      .send({ error: 'unauthorized', message } satisfies ErrorReply);

  return {
    async require(request, reply) {
      if (expected === null) {
        return refuse(reply, 'writes are disabled: the api has no ROLLCALL_ADMIN_TOKEN configured');
      }
      const token = bearerToken(request.headers.authorization);
      if (token === null) {
        return refuse(reply, 'this endpoint needs an operator token: send Authorization: Bearer <token>');
      }
      if (!timingSafeEqual(digest(token), expected)) {
        return refuse(reply, 'the bearer token is not valid');
      }
      actors.set(request, ADMIN_ACTOR);
    },
    actorOf(request) {
      const actor = actors.get(request);
      if (actor === undefined) throw new OperatorAuthMissingError(request.routeOptions.url ?? request.url);
      return actor;
    },
  };
}
