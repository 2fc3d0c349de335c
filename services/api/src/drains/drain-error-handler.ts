import { InvalidRunnerStatusError, type RunnerStatus } from '@rollcall/domain';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { poolCommandErrorHandler } from '../commands/pool-command-error-handler';
import { DrainTargetUnknownError } from './drain-target-unknown-error';

/** A 404 names what was not found, as fields beside the sentence. */
export const DrainTargetNotFoundReply = ErrorReply.extend({
  namespace: z.string(),
  runnerId: z.string().optional(),
  serverId: z.string().optional(),
  pool: z.string().optional(),
  version: z.number().optional(),
});

/** A 409 for an undrain says what the runner is doing instead. */
export const UndrainRefusedReply = ErrorReply.extend({ runnerId: z.string(), status: z.string() });

const WHY_NOT: Partial<Record<RunnerStatus, string>> = {
  stopping: 'it is stopping (its stop was already requested; a drain can only be cancelled before that)',
  stopped: 'it has stopped',
  lost: 'it was lost',
};

/**
 * Error handler of the drain routes: an unknown target is a 404 naming it (`notFound` is the route's error
 * code), an undrain the runner is past is a 409 saying why; the rest goes to the pool command handler.
 */
export function drainErrorHandler(notFound: 'drain_target_not_found' | 'runner_not_found') {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (error instanceof DrainTargetUnknownError) {
      return reply.code(404).send({
        error: notFound,
        message: error.message,
        namespace: error.namespace,
        ...error.target,
      } satisfies z.infer<typeof DrainTargetNotFoundReply>);
    }
    if (error instanceof InvalidRunnerStatusError && error.action === 'undrain') {
      const why = WHY_NOT[error.status] ?? `it is ${error.status}`;
      return reply.code(409).send({
        error: 'invalid_runner_status',
        message: `runner ${error.runnerId} cannot be undrained: ${why}`,
        runnerId: error.runnerId,
        status: error.status,
      } satisfies z.infer<typeof UndrainRefusedReply>);
    }
    return poolCommandErrorHandler(error, request, reply);
  };
}
