import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorReply } from './error-reply';

/**
 * Bad input gets a 400 naming each bad field (`body/version: ...`); other client errors keep fastify's
 * status and message; anything else is a 500 whose details stay in the log, never in the answer.
 */
export function httpErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => ({
      path: `${error.validationContext ?? 'request'}${issue.instancePath}`,
      message: issue.message ?? 'invalid',
      code: issue.keyword,
    }));
    const message = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    void reply.code(400).send({ error: 'invalid_request', message, issues } satisfies ErrorReply);
    return;
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    void reply
      .code(status)
      .send({ error: error.code ?? 'bad_request', message: error.message } satisfies ErrorReply);
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply
    .code(500)
    .send({ error: 'internal_error', message: 'internal error; see the service log' } satisfies ErrorReply);
}
