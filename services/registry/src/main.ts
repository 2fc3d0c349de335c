// The registry service process (runner lifecycle ingest, the pool aggregate and placement queries).
import { connectBus, natsReadiness } from '@rollcall/bus';
import { createEventLogDb, migrateToLatest } from '@rollcall/eventlog';
import { migrateReadModels } from '@rollcall/projections';
import {
  connectServiceDependencies,
  createLogger,
  createMetrics,
  loadConfig,
  runService,
  serveServiceHttp,
} from '@rollcall/service-kit';
import { RegistryEnv } from './config';
import { startRegistry } from './start-registry';

const SERVICE = 'registry';

runService({ service: `rollcall-${SERVICE}` }, async ({ onShutdown, useLogger, signal }) => {
  // 1. Config, logging, metrics
  const config = loadConfig(RegistryEnv);
  const logger = useLogger(createLogger({ service: SERVICE, level: config.LOG_LEVEL }));
  const metrics = createMetrics({ service: SERVICE });

  // 2. Connections: Postgres (checked, migrated), then NATS; each closes on shutdown, in reverse order
  const { db, nc, readiness } = await connectServiceDependencies({
    service: SERVICE,
    config,
    logger,
    onShutdown,
    postgres: { create: createEventLogDb, migrations: [migrateToLatest, migrateReadModels] },
    nats: { connect: connectBus, readiness: natsReadiness },
  });

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
    streamReplicas: config.ROLLCALL_STREAM_REPLICAS,
  });
  onShutdown('registry', () => registry.stopped);

  // 5. Health, readiness and metrics
  await serveServiceHttp({ logger, metrics, readiness, port: config.PORT, onShutdown });
});
