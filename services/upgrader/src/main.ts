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

const SERVICE = 'upgrader';

runService({ service: `rollcall-${SERVICE}` }, async ({ onShutdown, useLogger }) => {
  // 1. Config, logging, metrics
  const config = loadConfig(UpgraderEnv);
  const logger = useLogger(createLogger({ service: SERVICE, level: config.LOG_LEVEL }));
  const metrics = createMetrics({ service: SERVICE });

  // 2. Connections: Postgres (checked, migrated), then NATS; each closes on shutdown, in reverse order
  const { readiness } = await connectServiceDependencies({
    service: SERVICE,
    config,
    logger,
    onShutdown,
    postgres: { create: createEventLogDb, migrations: [migrateToLatest] },
    nats: { connect: connectBus, readiness: natsReadiness },
  });

  // 3. Wiring and 4. consumers: none yet; they come with the upgrader's own issues.

  // 5. Health, readiness and metrics
  await serveServiceHttp({ logger, metrics, readiness, port: config.PORT, onShutdown });
});
