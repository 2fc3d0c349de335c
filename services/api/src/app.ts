import type { NatsConnection } from '@nats-io/transport-node';
import { natsReadiness } from '@rollcall/bus';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { createServiceHttp, type Logger, postgresReadiness, type ServiceHttp } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import type { Registry } from 'prom-client';

/** Everything the HTTP API needs, built by main.ts (or a test) and passed in: no module singletons. */
export interface AppDeps {
  db: Kysely<EventLogDatabase>;
  nc: NatsConnection;
  logger: Logger;
  metrics: Registry;
}

/**
 * The HTTP API as a fastify instance that is not listening yet: /healthz, /readyz (Postgres and NATS),
 * /metrics, and the API routes. Each route declares zod schemas (fastify-type-provider-zod), so bad input
 * is answered 400 with the issue paths.
 */
export function buildApp({ db, nc, logger, metrics }: AppDeps): ServiceHttp {
  return createServiceHttp({ logger, metrics, readiness: [postgresReadiness(db), natsReadiness(nc)] });
}
