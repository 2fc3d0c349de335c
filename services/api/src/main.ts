// The api service process: builds the dependencies, hands them to buildApp and listens.
import { connectBus } from '@rollcall/bus';
import { createEventLogDb, listenForAppends, migrateToLatest } from '@rollcall/eventlog';
import { migrateReadModels } from '@rollcall/projections';
import {
  checkReachable,
  createLogger,
  createMetrics,
  listenHttp,
  loadConfig,
  postgresReadiness,
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

  // 2. Connections; each registers its shutdown step as soon as it exists (steps run in reverse)
  const db = createEventLogDb({
    connectionString: config.DATABASE_URL,
    applicationName: `rollcall-${SERVICE}`,
  });
  onShutdown('postgres', () => db.destroy());
  await checkReachable(postgresReadiness(db, { connectionString: config.DATABASE_URL }), {
    hint: 'check DATABASE_URL and that Postgres is running',
  });
  await migrateToLatest(db);
  await migrateReadModels(db);
  // One LISTEN connection wakes every live event stream on commit; it closes once `signal` aborts.
  const appends = listenForAppends({
    connectionString: config.DATABASE_URL,
    signal,
    logger,
    applicationName: `rollcall-${SERVICE}:listen`,
  });
  onShutdown('event notifications', () => appends.closed);

  const nc = await connectBus({ url: config.NATS_URL, name: `rollcall-${SERVICE}`, logger });
  onShutdown('nats', () => nc.drain());

  // 3. The app, then listen
  const app = buildApp({
    db,
    nc,
    logger,
    metrics,
    adminToken: config.ROLLCALL_ADMIN_TOKEN,
    liveEvents: { wake: appends },
  });
  onShutdown('http', () => app.close());
  await listenHttp(app, { port: config.PORT });
});
