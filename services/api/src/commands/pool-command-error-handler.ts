import {
  DrainDeadlineRequiredError,
  DrainTargetNotFoundError,
  InvalidRunnerStatusError,
  PoolCommandError,
  PoolMismatchError,
  RunnerNotFoundError,
  VersionConflictError,
  VersionNotFoundError,
} from '@rollcall/domain';
import { CommandRetriesExhaustedError } from '@rollcall/eventlog';
import type { ErrorReply } from '@rollcall/service-kit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

interface Refusal {
  status: 400 | 404 | 409;
  code: string;
}

/** How a refused pool command is answered; null for errors that are not the client's doing. */
function refusalOf(error: unknown): Refusal | null {
  if (error instanceof RunnerNotFoundError) return { status: 404, code: 'runner_not_found' };
  if (error instanceof DrainTargetNotFoundError) return { status: 404, code: 'drain_target_not_found' };
  if (error instanceof VersionNotFoundError) return { status: 404, code: 'version_not_found' };
  if (error instanceof InvalidRunnerStatusError) return { status: 409, code: 'invalid_runner_status' };
  if (error instanceof VersionConflictError) return { status: 409, code: 'version_conflict' };
  if (error instanceof DrainDeadlineRequiredError) return { status: 400, code: 'deadline_required' };
  if (error instanceof CommandRetriesExhaustedError) return { status: 409, code: 'concurrent_update' };
  // A mismatch means the route built the command for the wrong stream: a bug, answered 500 by the parent.
  if (error instanceof PoolMismatchError || !(error instanceof PoolCommandError)) return null;
  return { status: 409, code: 'command_refused' };
}

/**
 * Error handler for routes that run pool commands: a domain refusal becomes a 4xx naming why; everything
 * else (bad input, failures) is thrown on to the service's own handler.
 */
export function poolCommandErrorHandler(
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
