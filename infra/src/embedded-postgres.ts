import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, isPortFree } from './free-port';
import { InfraError } from './infra-error';
import { LineBuffer } from './line-buffer';
import { loadEmbeddedPostgres } from './load-embedded-postgres';
import type { Log } from './log';
import type { PostgresHandle } from './postgres-handle';
import { probePostgres } from './probe-postgres';
import { readRecordedPort, recordPort } from './recorded-port';
import { defaultStateDir } from './state-dir';
import { withTimeout } from './with-timeout';

const run = promisify(execFile);

export interface StartEmbeddedPostgresOptions {
  /** Data goes to `<stateDir>/pgdata`. @default `<repo>/.rollcall` */
  stateDir?: string;
  /** Used when free; otherwise the OS picks one, and the choice is recorded for next time. @default 54329 */
  port?: number;
  log?: Log;
  /** Receives the server's own output (it is also quoted when starting fails). */
  serverLog?: Log;
}

const user = 'postgres';
const password = 'postgres';
const initTimeoutMs = 120_000;
const startTimeoutMs = 30_000;
const stopTimeoutMs = 15_000;

const urlFor = (port: number) => `postgres://${user}:${password}@127.0.0.1:${port}/postgres`;

/**
 * Starts the Postgres that ships in the embedded-postgres package, on data kept in `<stateDir>/pgdata`
 * (initialised only the first time). If the one started earlier still answers on its recorded port, that
 * one is reused and left running on stop().
 */
export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions = {},
): Promise<PostgresHandle> {
  const log = options.log ?? (() => {});
  const stateDir = options.stateDir ?? defaultStateDir;
  const dataDir = join(stateDir, 'pgdata');
  const portFile = join(stateDir, 'pgdata.port.json');

  const recorded = await readRecordedPort(portFile);
  if (recorded !== undefined && (await probePostgres(urlFor(recorded))).ok) {
    log(`reusing the embedded Postgres already running on port ${recorded}`);
    return { url: urlFor(recorded), source: 'embedded', stop: async () => {} };
  }

  const wanted = recorded ?? options.port ?? 54329;
  const port = (await isPortFree(wanted)) ? wanted : await freePort();
  if (port !== wanted) log(`port ${wanted} is taken; the embedded Postgres uses ${port}`);

  // Postgres refuses to run as root: embedded-postgres then runs initdb and postgres as the `postgres` OS
  // user (creating it if needed), which must own the data folder and be able to reach it.
  const asRoot = process.getuid?.() === 0;
  await mkdir(stateDir, { recursive: true });
  if (asRoot) await assertReachableByOthers(dataDir);

  const output = new LineBuffer();
  let initialising = false;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    // TCP only: the default socket folder may not be writable, and clients here connect over TCP anyway.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    onLog: (message) => {
      output.push(message);
      // initdb's progress report is quoted only if it fails; the server's own log is passed on.
      if (initialising) return;
      for (const line of message.split('\n')) if (line.trim() !== '') options.serverLog?.(line);
    },
    onError: (error) => output.push(error instanceof Error ? error.message : String(error)),
  });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`initialising the embedded Postgres data folder ${dataDir}`);
    initialising = true;
    await withTimeout('initdb of the embedded Postgres', server.initialise(), initTimeoutMs).catch(
      (error) => {
        throw new InfraError(`could not initialise the embedded Postgres in ${dataDir}:\n${output.quote()}`, {
          cause: error,
        });
      },
    );
    initialising = false;
  } else if (asRoot) {
    await ensureOwnedByPostgres(dataDir);
  }

  log(`starting the embedded Postgres on port ${port}`);
  try {
    await withTimeout(
      `the embedded Postgres to accept connections on port ${port}`,
      server.start(),
      startTimeoutMs,
    );
  } catch (error) {
    await server.stop().catch(() => {});
    throw new InfraError(`the embedded Postgres did not start on port ${port}:\n${output.quote()}`, {
      cause: error,
    });
  }
  await recordPort(portFile, port);

  // If this process ends without stop() (a crash, process.exit), ask the postmaster for a fast shutdown.
  const postmasterPid = await readPostmasterPid(dataDir);
  const shutDownOnExit = () => {
    if (postmasterPid !== undefined) process.kill(postmasterPid, 'SIGINT');
  };
  process.once('exit', shutDownOnExit);

  return {
    url: urlFor(port),
    source: 'embedded',
    stop: async () => {
      process.removeListener('exit', shutDownOnExit);
      await withTimeout(`the embedded Postgres on port ${port} to stop`, server.stop(), stopTimeoutMs);
    },
  };
}

/** The first line of postmaster.pid is the server's process id. */
async function readPostmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function assertReachableByOthers(dir: string): Promise<void> {
  for (let parent = dirname(dir); ; parent = dirname(parent)) {
    const info = await stat(parent);
    if ((info.mode & 0o001) === 0) {
      throw new InfraError(
        `the postgres OS user cannot reach ${dir} because ${parent} is not searchable by others: run \`chmod o+x ${parent}\`, or set DATABASE_URL to a Postgres you run`,
      );
    }
    if (parent === dirname(parent)) return;
  }
}

async function ensureOwnedByPostgres(dataDir: string): Promise<void> {
  const { stdout } = await run('id', ['-u', user]);
  if ((await stat(dataDir)).uid !== Number(stdout.trim())) await run('chown', ['-R', `${user}:`, dataDir]);
}
