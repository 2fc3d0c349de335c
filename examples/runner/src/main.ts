import { createRunner } from '@rollcall/runner-sdk';
import { pino } from 'pino';
import { type ExampleConfig, ExampleConfigError, readExampleConfig, USAGE } from './example-config';
import { startFakeWorkload } from './fake-workload';

// A runner process for demos and end-to-end tests: the runner SDK around a fake workload. It exits 0 once
// it has been stopped (by Rollcall's stop command, or SIGTERM/SIGINT), 1 when it cannot start, 2 on bad
// flags. See examples/runner/README.md.

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}

let config: ExampleConfig;
try {
  config = readExampleConfig(argv, process.env);
} catch (error) {
  if (!(error instanceof ExampleConfigError)) throw error;
  process.stderr.write(`example runner: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}

const logger = pino({ level: config.logLevel, base: { pid: process.pid } });
const runner = createRunner({
  natsUrl: config.natsUrl,
  prefix: config.prefix,
  namespace: config.namespace,
  pool: config.pool,
  version: config.version,
  ...(config.build === undefined ? {} : { build: config.build }),
  serverId: config.serverId,
  ...(config.runnerId === undefined ? {} : { runnerId: config.runnerId }),
  slots: config.slots,
  labels: config.labels,
  heartbeatIntervalMs: config.heartbeatMs,
  logger,
});
const log = logger.child({ runnerId: runner.runnerId });
const workload = startFakeWorkload(runner, config, log);

runner.onDrain((drain) => {
  log.info({ ...drain, activeSessions: runner.activeSessions }, 'draining: finishing the sessions in hand');
});
runner.onUndrain(({ reason }) => {
  log.info({ reason }, 'drain cancelled: taking sessions again');
});
runner.onStop((stop) => {
  workload.stop();
  log.info({ ...stop, activeSessions: runner.activeSessions }, 'stopping');
});

let signals = 0;
const onSignal = (signal: NodeJS.Signals) => {
  signals += 1;
  // The first signal waits for the sessions in hand; a second one does not.
  void runner.close(`received ${signal}`, { forced: signals > 1 });
};
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

try {
  await runner.start();
} catch (error) {
  log.fatal({ err: error }, 'could not start the runner');
  process.exit(1);
}
log.info(
  {
    pool: config.pool,
    version: config.version,
    serverId: config.serverId,
    sessionRate: config.sessionRate,
    sessionMs: config.sessionMs,
    stuck: config.stuck,
  },
  'example runner started',
);

// The crash knob: the runner goes away on its own (announcing it, so Rollcall sees it stopped) and exits 3.
if (config.crashAfterMs !== undefined) {
  setTimeout(() => {
    log.warn({ crashAfterMs: config.crashAfterMs }, 'crashing (--crash-after-ms)');
    void runner.close('crashed (--crash-after-ms)', { forced: true }).finally(() => process.exit(3));
  }, config.crashAfterMs).unref();
}

const stopped = await runner.stopped;
workload.stop();
process.off('SIGTERM', onSignal);
process.off('SIGINT', onSignal);
log.info({ ...stopped, refusedSessions: workload.refused }, 'example runner exiting');
process.exitCode = stopped.origin === 'connection' ? 1 : 0;
