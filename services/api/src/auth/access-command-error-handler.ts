import { AccessCommandError, AccessTokenNotFoundError } from '@rollcall/domain';
import { CommandRetriesExhaustedError } from '@rollcall/eventlog';
import type { ErrorReply } from '@rollcall/service-kit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** How a refused access command is answered; null for errors that are not the client's doing. */
function refusalOf(error: unknown): { status: 404 | 409; code: string } | null {
  if (error instanceof AccessTokenNotFoundError) return { status: 404, code: 'token_not_found' };
  if (error instanceof AccessCommandError) return { status: 409, code: 'token_conflict' };
  // Other admins kept changing tokens on every attempt; nothing was written, so trying again is safe.
  if (error instanceof CommandRetriesExhaustedError) return { status: 409, code: 'concurrent_update' };
  return null;
}

/** Error handler for the token routes: a domain refusal becomes a 4xx naming why, anything else goes on. */
export function accessCommandErrorHandler(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const refusal = refusalOf(error);
  if (refusal === null) throw error;
  return reply
    .code(refusal.status)
    .send({ error: refusal.code, message: error.message } satisfies ErrorReply);
}
