import type { NatsConnection } from '@nats-io/transport-node';
import { natsReadiness } from '@rollcall/bus';
import type { EventLogDatabase, Wake } from '@rollcall/eventlog';
import { createServiceHttp, type Logger, postgresReadiness, type ServiceHttp } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import type { Registry } from 'prom-client';
import { accessControl } from './auth/access-control';
import { accessTokens } from './auth/access-tokens';
import { autoUpgradeRoutes } from './routes/auto-upgrade';
import { dashboardRoutes } from './routes/dashboard';
import { drainRoutes } from './routes/drains';
import { eventStreamRoutes } from './routes/event-stream';
import { eventRoutes } from './routes/events';
import { logHeadRoutes } from './routes/log-head';
import { namespaceRoutes } from './routes/namespaces';
import { operatorDrainRoutes } from './routes/operator-drains';
import { placementRoutes } from './routes/placement';
import { poolConfigRoutes } from './routes/pool-config';
import { poolRoutes } from './routes/pools';
import { rolloutRoutes } from './routes/rollouts';
import { tokenRoutes } from './routes/tokens';
import { versionRoutes } from './routes/versions';
import { workerRoutes } from './routes/workers';

/** Tuning of `GET /v1/events/stream`; the defaults suit production, tests shorten them. */
export interface LiveEventOptions {
  /** Append notifications (one `listenForAppends` per process), so live events go out on commit. */
  wake?: Wake | undefined;
  /** Keep-alive comment interval, in ms. @default 15000 */
  heartbeatMs?: number | undefined;
  /** Idle poll delay when no notification arrives, in ms. @default 250 */
  pollIntervalMs?: number | undefined;
}

/** Everything the HTTP API needs, built by main.ts (or a test) and passed in: no module singletons. */
export interface AppDeps {
  db: Kysely<EventLogDatabase>;
  nc: NatsConnection;
  logger: Logger;
  metrics: Registry;
  /** The bootstrap admin token (`ROLLCALL_ADMIN_TOKEN`), a global admin beside the tokens of the log. */
  adminToken?: string | undefined;
  /** Requests without a token may read (`ROLLCALL_ANONYMOUS_READS`). @default false */
  anonymousReads?: boolean | undefined;
  /** The time commands are decided at. @default () => new Date() */
  clock?: (() => Date) | undefined;
  liveEvents?: LiveEventOptions | undefined;
}

/**
 * The HTTP API as a fastify instance that is not listening yet: /healthz, /readyz (Postgres and NATS),
 * /metrics, and the API routes, one plugin per group. Each route declares zod schemas
 * (fastify-type-provider-zod), so bad input is answered 400 with the issue paths.
 */
export function buildApp({
  db,
  nc,
  logger,
  metrics,
  adminToken,
  anonymousReads = false,
  clock = () => new Date(),
  liveEvents = {},
}: AppDeps): ServiceHttp {
  const app = createServiceHttp({ logger, metrics, readiness: [postgresReadiness(db), natsReadiness(nc)] });
  const tokens = accessTokens(db);
  const auth = accessControl({ tokens, adminToken, anonymousReads });
  // Added before any route plugin loads, so every route passes the one access policy.
  app.addHook('onRequest', auth.onRequest);
  app.register(eventRoutes, { db });
  app.register(eventStreamRoutes, { db, metrics, ...liveEvents });
  app.register(logHeadRoutes, { db });
  app.register(namespaceRoutes, { db });
  app.register(dashboardRoutes);
  app.register(poolRoutes, { db });
  app.register(poolConfigRoutes, { db, auth, clock });
  app.register(workerRoutes, { db });
  app.register(placementRoutes, { db });
  app.register(drainRoutes, { db, clock });
  app.register(operatorDrainRoutes, { db, auth, clock });
  app.register(versionRoutes, { db, auth, clock });
  app.register(rolloutRoutes, { db, auth, clock });
  app.register(autoUpgradeRoutes, { db, auth, clock });
  app.register(tokenRoutes, { db, tokens, auth, clock });
  return app;
}
