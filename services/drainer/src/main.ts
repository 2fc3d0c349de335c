// The drainer service process (carrying out drains: notices, idle waits, deadlines and stop commands).
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
import { DrainerEnv } from './config';
import { migrateDrainer } from './migrate-drainer';
import { startDrainer } from './start-drainer';

const SERVICE = 'drainer';

runService({ service: `rollcall-${SERVICE}` }, async ({ onShutdown, useLogger, signal }) => {
  // 1. Config, logging, metrics
  const config = loadConfig(DrainerEnv);
  const logger = useLogger(createLogger({ service: SERVICE, level: config.LOG_LEVEL }));
  const metrics = createMetrics({ service: SERVICE });

  // 2. Connections: Postgres (checked, migrated), then NATS; each closes on shutdown, in reverse order.
  // The liveness table tells when a runner was last seen; the drainer's own table holds its watched pools.
  const { db, nc, readiness } = await connectServiceDependencies({
    service: SERVICE,
    config,
    logger,
    onShutdown,
    postgres: { create: createEventLogDb, migrations: [migrateToLatest, migrateReadModels, migrateDrainer] },
    nats: { connect: connectBus, readiness: natsReadiness },
  });

  // 3. Wiring and 4. consumers: the drain process manager decides stops and losses; drain, stop and undrain
  // go out to runners from the log. Registered after NATS, so they finish their step before it drains.
  const drainer = startDrainer({
    db,
    connectionString: config.DATABASE_URL,
    nc,
    prefix: config.ROLLCALL_SUBJECT_PREFIX,
    clock: () => new Date(),
    logger,
    metrics,
    signal,
    stopGraceSeconds: config.ROLLCALL_STOP_GRACE_SECONDS,
  });
  onShutdown('drainer', () => drainer.stopped);

  // 5. Health, readiness and metrics
  await serveServiceHttp({ logger, metrics, readiness, port: config.PORT, onShutdown });
});
