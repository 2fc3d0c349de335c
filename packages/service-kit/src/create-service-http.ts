import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { type FastifyInstance, type FastifyRequest, fastify, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { httpErrorHandler } from './http-error-handler';
import { type ReadinessCheck, runReadinessChecks } from './readiness-check';

/** The fastify instance every service serves: pino logging, zod-typed routes, health and metrics. */
export type ServiceHttp = FastifyInstance<Server, IncomingMessage, ServerResponse, Logger, ZodTypeProvider>;

export interface CreateServiceHttpOptions {
  logger: Logger;
  metrics: Registry;
  /** Every check must pass for GET /readyz to answer 200. */
  readiness: readonly ReadinessCheck[];
  /** How long one readiness check may take before it counts as failed. @default 2000 */
  readinessTimeoutMs?: number;
}

const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

// Probes and scrapes arrive every few seconds; logging them would bury the requests worth reading.
const quietProbes = (request: FastifyRequest) => PROBE_PATHS.has(request.url.split('?')[0] ?? '');

const REQUEST_ID_HEADER = 'x-request-id';
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's correlation id: the caller's `X-Request-Id` when it is a plausible id (so a trace spans
 * the caller and Rollcall), else a fresh UUID. It becomes the `correlationId` of every event the request
 * appends, so it must be unique across restarts and replicas, which fastify's `req-N` is not.
 */
function requestId(request: IncomingMessage): string {
  const header = request.headers[REQUEST_ID_HEADER];
  return typeof header === 'string' && CALLER_REQUEST_ID.test(header) ? header : randomUUID();
}

const HealthReply = z.object({ status: z.literal('ok') });
const ReadinessReply = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), error: z.string().optional() })),
});

/**
 * GET /healthz answers while the process lives (restart me if not); GET /readyz answers 200 only while
 * every dependency answers (send me traffic), 503 naming the failed checks otherwise; GET /metrics is the
 * Prometheus text of `metrics`. Routes added later declare zod schemas; bad input gets a 400 with the
 * issue paths (see httpErrorHandler).
 */
export function createServiceHttp({
  logger,
  metrics,
  readiness,
  readinessTimeoutMs = 2000,
}: CreateServiceHttpOptions): ServiceHttp {
  const app = fastify({
    loggerInstance: logger,
    logController: new LogController({
      disableRequestLogging: quietProbes,
      requestIdLogLabel: 'correlationId',
    }),
    genReqId: requestId,
  }).withTypeProvider<ZodTypeProvider>();
  app.addHook('onSend', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(httpErrorHandler);

  app.get('/healthz', { schema: { response: { 200: HealthReply } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/readyz',
    { schema: { response: { 200: ReadinessReply, 503: ReadinessReply } } },
    async (_request, reply) => {
      const checks = await runReadinessChecks(readiness, { timeoutMs: readinessTimeoutMs });
      const ready = checks.every((check) => check.ok);
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    },
  );

  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.contentType).send(await metrics.metrics()),
  );

  return app;
}
