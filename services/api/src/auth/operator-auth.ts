import type { Actor } from '@rollcall/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Who the bootstrap admin token (`ROLLCALL_ADMIN_TOKEN`) acts as, in event metadata and `configuredBy`. */
export const ADMIN_ACTOR = 'admin';

/** What a route handler asks of access control; the checks themselves run in one global hook (access-control.ts). */
export interface OperatorAuth {
  /**
   * A route-level onRequest hook that only repeats what the global hook already enforced (a token was
   * resolved for this request). Kept while routes still name it; new routes need nothing.
   */
  require(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The actor of the request's token (`admin`, `token:<name>`), for event metadata. */
  actorOf(request: FastifyRequest): Actor;
}
