import { RolloutId, TargetId } from '@rollcall/contracts';
import {
  InvalidRolloutSpecError,
  InvalidRolloutTransitionError,
  RolloutExistsError,
  RolloutNotFoundError,
  VersionNotPublishedError,
  VersionYankedError,
} from '@rollcall/domain';
import {
  NoTargetsError,
  PoolNotFoundError,
  RolloutInFlightError,
  RolloutStrategyMissingError,
  UnknownTargetError,
} from '@rollcall/rollout-commands';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { poolCommandErrorHandler } from '../commands/pool-command-error-handler';

/** A refused rollout request: the code and sentence, and the rollout or target it is about. */
export const RolloutErrorReply = ErrorReply.extend({
  rolloutId: RolloutId.optional(),
  targetId: TargetId.optional(),
  version: z.number().optional(),
});
export type RolloutErrorReply = z.infer<typeof RolloutErrorReply>;

type Refusal = { status: 400 | 404 | 409 } & Omit<RolloutErrorReply, 'message'>;

/** How a refused rollout start or steering command is answered; null for errors that are not the client's doing. */
function refusalOf(error: unknown): Refusal | null {
  if (error instanceof PoolNotFoundError) return { status: 404, error: 'pool_not_found' };
  if (error instanceof VersionNotPublishedError) {
    return { status: 404, error: 'version_not_published', version: error.version };
  }
  if (error instanceof VersionYankedError)
    return { status: 409, error: 'version_yanked', version: error.version };
  if (error instanceof UnknownTargetError) {
    return { status: 404, error: 'unknown_target', targetId: error.targetId };
  }
  if (error instanceof RolloutStrategyMissingError) return { status: 400, error: 'strategy_missing' };
  if (error instanceof InvalidRolloutSpecError) return { status: 400, error: 'invalid_rollout' };
  if (error instanceof NoTargetsError) return { status: 409, error: 'no_targets' };
  if (error instanceof RolloutInFlightError) {
    return { status: 409, error: 'rollout_in_flight', rolloutId: error.rolloutId };
  }
  if (error instanceof RolloutNotFoundError) {
    return { status: 404, error: 'rollout_not_found', rolloutId: error.rollout.rolloutId };
  }
  if (error instanceof InvalidRolloutTransitionError) {
    return { status: 409, error: 'transition_refused', rolloutId: error.refused.rolloutId };
  }
  if (error instanceof RolloutExistsError)
    return { status: 409, error: 'rollout_exists', rolloutId: error.rolloutId };
  // The rest (retries exhausted, a rollout mismatch: a bug in the route) goes to the pool command handler.
  return null;
}

/**
 * Error handler of the rollout routes: each refusal of a start or a steering command becomes a 4xx naming the
 * field or the thing (the pool, version, target, or the rollout in flight); pool refusals and a conflict that
 * outlasted the retries go to the pool command handler, and everything else on to the service's own handler.
 */
export function rolloutErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const refusal = refusalOf(error);
  if (refusal === null) return poolCommandErrorHandler(error, request, reply);
  const { status, ...body } = refusal;
  return reply.code(status).send({ ...body, message: error.message } satisfies RolloutErrorReply);
}
