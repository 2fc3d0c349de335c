// The upgrader service process (the version catalog, rollouts across targets, rollback and auto-upgrade).
import { connectBus, natsReadiness } from '@rollcall/bus';
import { createEventLogDb, migrateToLatest } from '@rollcall/eventlog';
import {
  connectServiceDependencies,
  createLogger,
  createMetrics,
  loadConfig,
  runService,
  serveServiceHttp,
} from '@rollcall/service-kit';
import { UpgraderEnv } from './config';
import { startUpgrader } from './start-upgrader';

const SERVICE = 'upgrader';

runService({ service: `rollcall-${SERVICE}` }, async ({ onShutdown, useLogger, signal }) => {
  // 1. Config, logging, metrics
  const config = loadConfig(UpgraderEnv);
  const logger = useLogger(createLogger({ service: SERVICE, level: config.LOG_LEVEL }));
  const metrics = createMetrics({ service: SERVICE });

  // 2. Connections: Postgres (checked, migrated), then NATS; each closes on shutdown, in reverse order
  const { db, nc, readiness } = await connectServiceDependencies({
    service: SERVICE,
    config,
    logger,
    onShutdown,
    postgres: { create: createEventLogDb, migrations: [migrateToLatest] },
    nats: { connect: connectBus, readiness: natsReadiness },
  });

  // 3. Wiring and 4. consumers: the rollout process manager drives every rollout in flight through the
  // launchers. Registered after NATS, so it finishes its in-flight step before NATS drains.
  const upgrader = startUpgrader({
    db,
    connectionString: config.DATABASE_URL,
    nc,
    prefix: config.ROLLCALL_SUBJECT_PREFIX,
    clock: () => new Date(),
    logger,
    metrics,
    signal,
  });
  onShutdown('upgrader', () => upgrader.stopped);

  // 5. Health, readiness and metrics
  await serveServiceHttp({ logger, metrics, readiness, port: config.PORT, onShutdown });
});
