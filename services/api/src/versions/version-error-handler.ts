import { VersionConflictError, VersionNotFoundError } from '@rollcall/domain';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { poolCommandErrorHandler } from '../commands/pool-command-error-handler';

/** A 409 for a re-publish names what the catalog already holds for that version. */
export const VersionConflictReply = ErrorReply.extend({
  version: z.number(),
  published: z.object({ build: z.string(), artifact: z.string(), digest: z.string().nullable() }),
});

/** A 404 names the pool and the version (or just the pool) that was not found. */
export const CatalogNotFoundReply = ErrorReply.extend({
  namespace: z.string(),
  pool: z.string(),
  version: z.number().optional(),
});

const PoolRef = z.object({ ns: z.string(), pool: z.string() });

/**
 * Error handler of the version routes: a conflicting re-publish is a 409 with the stored entry, a yank of an
 * unpublished version a 404 naming it; the rest goes to the pool command handler.
 */
export function versionErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof VersionConflictError) {
    const { build, artifact, digest } = error.published;
    return reply.code(409).send({
      error: 'version_conflict',
      message: error.message,
      version: error.version,
      published: { build, artifact, digest: digest ?? null },
    } satisfies z.infer<typeof VersionConflictReply>);
  }
  const ref = PoolRef.safeParse(request.params);
  if (error instanceof VersionNotFoundError && ref.success) {
    return reply.code(404).send({
      error: 'version_not_found',
      message: `version ${error.version} is not published in pool ${ref.data.pool}`,
      namespace: ref.data.ns,
      pool: ref.data.pool,
      version: error.version,
    } satisfies z.infer<typeof CatalogNotFoundReply>);
  }
  return poolCommandErrorHandler(error, request, reply);
}
