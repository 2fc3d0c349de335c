import type { Actor } from '@rollcall/contracts';
import type { FastifyRequest } from 'fastify';

/** Who the bootstrap admin token (`ROLLCALL_ADMIN_TOKEN`) acts as, in event metadata and `configuredBy`. */
export const ADMIN_ACTOR = 'admin';

/**
 * What a route handler asks of access control. The checks themselves run in one global hook
 * (access-control.ts) before any route; a route only declares `config.access` when the default does not fit.
 */
export interface OperatorAuth {
  /** The actor of the request's token (`admin`, `token:<name>`), for event metadata. */
  actorOf(request: FastifyRequest): Actor;
}
