// The local launcher process: starts and stops example-runner processes for one server over NATS.
import { join } from 'node:path';
import { connectBus, natsReadiness } from '@rollcall/bus';
import { createLogger, createMetrics, loadConfig, runService, serveServiceHttp } from '@rollcall/service-kit';
import { LauncherEnv } from './config';
import { launcherMetrics } from './launcher-metrics';
import { startLauncher } from './start-launcher';

const SERVICE = 'launcher';

// Shutdown waits for the runners, which get at most 10 s (the stop grace's bound) before SIGKILL.
const SHUTDOWN_TIMEOUT_MS = 15_000;

runService(
  { service: `rollcall-${SERVICE}`, shutdownTimeoutMs: SHUTDOWN_TIMEOUT_MS },
  async ({ onShutdown, useLogger, signal }) => {
    // 1. Config, logging, metrics
    const config = loadConfig(LauncherEnv);
    const serverId = config.ROLLCALL_SERVER_ID;
    const logger = useLogger(createLogger({ service: SERVICE, level: config.LOG_LEVEL }).child({ serverId }));
    const metrics = createMetrics({ service: SERVICE });

    // 2. Connections: NATS only; the launcher keeps its state in files, not in the log.
    const nc = await connectBus({ url: config.NATS_URL, name: `rollcall-${SERVICE}-${serverId}`, logger });
    onShutdown('nats', () => nc.drain());

    // 3. Wiring: answers start/stop/status; on shutdown it stops answering, then stops its runners.
    const launcher = startLauncher({
      nc,
      natsUrl: config.NATS_URL,
      prefix: config.ROLLCALL_SUBJECT_PREFIX,
      namespace: config.ROLLCALL_NAMESPACE,
      serverId,
      stateDir: config.ROLLCALL_LAUNCHER_STATE_DIR ?? join('.rollcall', 'launcher', serverId),
      stopGraceMs: config.ROLLCALL_LAUNCHER_STOP_GRACE_MS,
      logger,
      metrics: launcherMetrics(metrics),
      clock: () => new Date(),
      signal,
    });
    onShutdown('launcher', () => launcher.stopped);

    // 4. Health, readiness and metrics
    await serveServiceHttp({
      logger,
      metrics,
      readiness: [natsReadiness(nc)],
      port: config.PORT,
      onShutdown,
    });
  },
);
