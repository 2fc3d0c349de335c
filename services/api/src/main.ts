// The api service process: builds the dependencies, hands them to buildApp and listens.
import { connectBus, natsReadiness } from '@rollcall/bus';
import { createEventLogDb, listenForAppends, migrateToLatest } from '@rollcall/eventlog';
import { migrateReadModels } from '@rollcall/projections';
import {
  connectServiceDependencies,
  createLogger,
  createMetrics,
  listenHttp,
  loadConfig,
  runService,
} from '@rollcall/service-kit';
import { buildApp } from './app';
import { ApiEnv } from './config';

const SERVICE = 'api';

runService({ service: `rollcall-${SERVICE}` }, async ({ signal, onShutdown, useLogger }) => {
  // 1. Config, logging, metrics
  const config = loadConfig(ApiEnv);
  const logger = useLogger(createLogger({ service: SERVICE, level: config.LOG_LEVEL }));
  const metrics = createMetrics({ service: SERVICE });

  // 2. Connections: Postgres (checked, migrated), then NATS; each closes on shutdown, in reverse order
  const { db, nc } = await connectServiceDependencies({
    service: SERVICE,
    config,
    logger,
    onShutdown,
    postgres: { create: createEventLogDb, migrations: [migrateToLatest, migrateReadModels] },
    nats: { connect: connectBus, readiness: natsReadiness },
  });
  // One LISTEN connection wakes every live event stream on commit; it closes once `signal` aborts.
  const appends = listenForAppends({
    connectionString: config.DATABASE_URL,
    signal,
    logger,
    applicationName: `rollcall-${SERVICE}:listen`,
  });
  onShutdown('event notifications', () => appends.closed);

  // 3. The app, then listen
  const app = buildApp({
    db,
    nc,
    logger,
    metrics,
    adminToken: config.ROLLCALL_ADMIN_TOKEN,
    anonymousReads: config.ROLLCALL_ANONYMOUS_READS,
    liveEvents: { wake: appends },
  });
  onShutdown('http', () => app.close());
  await listenHttp(app, { port: config.PORT });
});
