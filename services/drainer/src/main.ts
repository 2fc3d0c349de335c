// The drainer service process (carrying out drains: notices, idle waits, deadlines and stop commands).
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
import { DrainerEnv } from './config';
import { migrateDrainer } from './migrate-drainer';
import { startDrainer } from './start-drainer';

const SERVICE = 'drainer';

runService({ service: `rollcall-${SERVICE}` }, async ({ onShutdown, useLogger, signal }) => {
  // 1. Config, logging, metrics
  const config = loadConfig(DrainerEnv);
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
  // The liveness table tells when a runner was last seen; the drainer's own table holds its watched pools.
  await migrateReadModels(db);
  await migrateDrainer(db);

  const nc = await connectBus({ url: config.NATS_URL, name: `rollcall-${SERVICE}`, logger });
  onShutdown('nats', () => nc.drain());

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
  const http = createServiceHttp({ logger, metrics, readiness: [postgres, natsReadiness(nc)] });
  onShutdown('http', () => http.close());
  await listenHttp(http, { port: config.PORT });
});
