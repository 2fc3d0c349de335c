// `./dev up`: Postgres, NATS, migrations, then every service, until Ctrl-C or SIGTERM.
import { fileURLToPath } from 'node:url';
import { removeCliEnv, writeCliEnv } from './cli-env-file';
import { startDemo } from './demo/start-demo';
import { ensureDatabase } from './ensure-database';
import { ensureNats } from './ensure-nats';
import { ensurePostgres, redact } from './ensure-postgres';
import { createLinePrinter } from './line-printer';
import { inOwnProcessGroup } from './own-process-group';
import { runMigrations } from './run-migrations';
import type { ServiceProcess } from './service-process';
import { services } from './services';
import { assertPortsFree, startServices, stopServices } from './start-services';
import { parseUpArgs } from './up-args';
import { loadUpConfig, servicesLogLevel } from './up-config';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readyTimeoutMs = 90_000;
const stopGraceMs = 10_000;

await inOwnProcessGroup();

// Wide enough for the longest source name (launcher-a), so every line starts its text in one column.
const print = createLinePrinter({ width: 10 });
const say = (line: string) => print('rollcall', line);
const stopRequested = new AbortController();
/** Undo steps, run last-first on the way out. */
const cleanups: { what: string; run: () => Promise<void> }[] = [];
let running: ServiceProcess[] = [];

async function shutdown(code: number): Promise<never> {
  for (const cleanup of cleanups.reverse()) {
    await cleanup.run().catch((error: unknown) => {
      say(`could not stop ${cleanup.what}: ${error instanceof Error ? error.message : String(error)}`);
      code = code === 0 ? 1 : code;
    });
  }
  say(code === 0 ? 'stopped' : 'stopped after a failure');
  process.exit(code);
}

function onSignal(signal: NodeJS.Signals) {
  // A terminal's Ctrl-C also reaches us through tsx and pnpm, which relay it: one stop is enough.
  if (stopRequested.signal.aborted) return;
  say(`${signal}: stopping`);
  stopRequested.abort(new Error(`stopped by ${signal}`));
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  // 1. Configuration, and the service ports, before anything is started.
  const args = parseUpArgs(process.argv.slice(2));
  const config = loadUpConfig(process.env);
  const logLevel = servicesLogLevel(process.env, config, args.demo);
  const specs = services.map((spec) => (spec.name === 'api' ? { ...spec, port: config.PORT } : spec));
  await assertPortsFree(specs);

  // 2. Postgres: DATABASE_URL, the local server, or the embedded one.
  const postgres = await ensurePostgres({ log: say, serverLog: (line) => print('postgres', line) });
  cleanups.push({ what: 'Postgres', run: postgres.stop });
  say(`postgres: ${postgres.source} at ${redact(postgres.url)}`);
  stopRequested.signal.throwIfAborted();

  // 3. NATS with JetStream: NATS_URL, the local server, or a nats-server we run.
  const nats = await ensureNats({
    log: say,
    // nats-server's start-up banner is two dozen [INF] lines; warnings and errors are what matter here.
    serverLog: (line) => {
      if (!line.includes('[INF]')) print('nats', line);
    },
  });
  cleanups.push({ what: 'NATS', run: nats.stop });
  say(`nats: ${nats.source} at ${nats.url}`);
  stopRequested.signal.throwIfAborted();

  // 4. Rollcall's own database (unless DATABASE_URL chose one), at the latest schema, migrated once here.
  const databaseUrl =
    postgres.source === 'env' ? postgres.url : await ensureDatabase(postgres.url, 'rollcall');
  await runMigrations(databaseUrl);
  say(`migrations: ${redact(databaseUrl)} is at the latest schema`);

  // 5. The services, each on its port, until each answers /readyz.
  cleanups.push({ what: 'the services', run: () => stopServices(running, stopGraceMs) });
  running = await startServices(specs, {
    root,
    print,
    readyTimeoutMs,
    stopGraceMs,
    signal: stopRequested.signal,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NATS_URL: nats.url,
      LOG_LEVEL: logLevel,
      ROLLCALL_ADMIN_TOKEN: config.ROLLCALL_ADMIN_TOKEN,
      ROLLCALL_SUBJECT_PREFIX: config.ROLLCALL_SUBJECT_PREFIX,
      // A local bring-up: the dashboard reads without a token; writes still need one.
      ROLLCALL_ANONYMOUS_READS: process.env.ROLLCALL_ANONYMOUS_READS || 'true',
    },
  });

  // 6. Tell `./dev rollcall` where everything answers, and say it.
  await writeCliEnv({
    DATABASE_URL: databaseUrl,
    NATS_URL: nats.url,
    ROLLCALL_API_URL: `http://127.0.0.1:${config.PORT}`,
    ROLLCALL_TOKEN: config.ROLLCALL_ADMIN_TOKEN,
    ROLLCALL_SUBJECT_PREFIX: config.ROLLCALL_SUBJECT_PREFIX,
  });
  cleanups.push({ what: 'the CLI settings', run: removeCliEnv });
  say(
    `ready in ${process.uptime().toFixed(1)} s: ${running.map((s) => `${s.spec.name} :${s.spec.port}`).join(', ')}`,
  );
  say(`API and dashboard: http://127.0.0.1:${config.PORT}/`);
  if (config.adminTokenGenerated) {
    say(`admin token (generated; set ROLLCALL_ADMIN_TOKEN to choose one): ${config.ROLLCALL_ADMIN_TOKEN}`);
  }
  if (logLevel !== config.LOG_LEVEL)
    say(`services log at ${logLevel} level beside the demo; LOG_LEVEL=info shows all their logs`);
  say('Ctrl-C stops everything');

  // 7. The demo, unless --no-demo: a fleet of the local launchers rolling to a new version.
  if (args.demo) {
    const demo = await startDemo({
      apiUrl: `http://127.0.0.1:${config.PORT}`,
      adminToken: config.ROLLCALL_ADMIN_TOKEN,
      natsUrl: nats.url,
      prefix: config.ROLLCALL_SUBJECT_PREFIX,
      print,
    });
    cleanups.push({ what: 'the demo', run: demo.stop });
  }

  // 8. Run until asked to stop, or until a service dies.
  const died = Promise.race(running.map(async (s) => `${s.spec.name} exited (${await s.exited})`));
  const stopped = new Promise<void>((resolve) =>
    stopRequested.signal.addEventListener('abort', () => resolve()),
  );
  const why = await Promise.race([died, stopped]);
  if (typeof why === 'string') {
    say(`${why}; stopping everything`);
    await shutdown(1);
  }
  await shutdown(0);
} catch (error) {
  if (stopRequested.signal.aborted) await shutdown(0);
  say(error instanceof Error ? error.message : String(error));
  await shutdown(1);
}
