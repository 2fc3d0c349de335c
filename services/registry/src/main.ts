// The registry service process (runner lifecycle ingest, the pool aggregate and placement queries).
import { connectBus, natsReadiness } from '@rollcall/bus';
import { createEventLogDb, migrateToLatest } from '@rollcall/eventlog';
import { migrateReadModels } from '@rollcall/projections';
import {
  checkReachable,
  createLogger,
  createMetrics,
  createServiceHttp,
  listenHttp,
  loadConfig,
  postgresReadiness,
  runService,
} from '@rollcall/service-kit';
import { RegistryEnv } from './config';
import { startRegistry } from './start-registry';

const SERVICE = 'registry';

runService({ service: `rollcall-${SERVICE}` }, async ({ onShutdown, useLogger, signal }) => {
  // 1. Config, logging, metrics
  const config = loadConfig(RegistryEnv);
  const logger = useLogger(createLogger({ service: SERVICE, level: config.LOG_LEVEL }));
  const metrics = createMetrics({ service: SERVICE });

  // 2. Connections; each registers its shutdown step as soon as it exists (steps run in reverse)
  const db = createEventLogDb({
    connectionString: config.DATABASE_URL,
    applicationName: `rollcall-${SERVICE}`,
  });
  onShutdown('postgres', () => db.destroy());
  const postgres = postgresReadiness(db, { connectionString: config.DATABASE_URL });
  await checkReachable(postgres, { hint: 'check DATABASE_URL and that Postgres is running' });
  await migrateToLatest(db);
  await migrateReadModels(db);

  const nc = await connectBus({ url: config.NATS_URL, name: `rollcall-${SERVICE}`, logger });
  onShutdown('nats', () => nc.drain());

  // 3. Wiring and 4. consumers: ingest, lost detection, the read-model projector and the query responders.
  // Registered after NATS, so they settle their messages in hand before the connection drains.
  const registry = await startRegistry({
    db,
    connectionString: config.DATABASE_URL,
    nc,
    prefix: config.ROLLCALL_SUBJECT_PREFIX,
    clock: () => new Date(),
    logger,
    metrics,
    signal,
    heartbeatIntervalSeconds: config.ROLLCALL_HEARTBEAT_INTERVAL_SECONDS,
    missedHeartbeats: config.ROLLCALL_MISSED_HEARTBEATS,
  });
  onShutdown('registry', () => registry.stopped);

  // 5. Health, readiness and metrics
  const http = createServiceHttp({ logger, metrics, readiness: [postgres, natsReadiness(nc)] });
  onShutdown('http', () => http.close());
  await listenHttp(http, { port: config.PORT });
});
