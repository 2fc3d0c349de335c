import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/nats-core';
import { serveRequests } from '@rollcall/bus';
import {
  type LauncherErrorClass,
  LauncherStartReply,
  LauncherStartRequest,
  LauncherStatusReply,
  LauncherStatusRequest,
  LauncherStopRequest,
  launcherSubject,
} from '@rollcall/contracts';
import type { Logger } from 'pino';
import { ArtifactCache } from './artifact-cache';
import { localArtifactFetcher } from './fetch-artifact';
import { LauncherError } from './launcher-error';
import type { LauncherMetrics } from './launcher-metrics';
import { LauncherStopReply } from './launcher-stop-reply';
import { localRunnerFlags, parseLocalRunnerConfig } from './local-runner-config';
import { RunnerProcesses } from './runner-processes';

export interface StartLauncherOptions {
  nc: NatsConnection;
  /** Handed to the runners, which open connections of their own. */
  natsUrl: string;
  prefix: string;
  namespace: string;
  serverId: string;
  /** Holds `cache/` (artifact manifests) and `runners/` (one log file per runner). */
  stateDir: string;
  /** Time a stopped runner has between SIGTERM and SIGKILL. */
  stopGraceMs: number;
  /** The program `example-runner:` artifacts run. @default the SDK's example runner of this checkout */
  exampleRunnerEntry?: string;
  logger: Logger;
  metrics: LauncherMetrics;
  clock: () => Date;
  /** @default `<pool, cut to 48>-<12 random hex>` */
  newRunnerId?: (pool: string) => string;
  /** Aborting stops answering; `stopped` then stops the runners. */
  signal: AbortSignal;
}

export interface Launcher {
  readonly cache: ArtifactCache;
  readonly processes: RunnerProcesses;
  /** Resolves once the requests are no longer answered and every runner has exited. */
  readonly stopped: Promise<void>;
}

// Through the workspace link, then resolved, so status and logs show examples/runner/src/main.ts itself.
function defaultExampleRunnerEntry(): string {
  const linked = join(
    import.meta.dirname,
    '..',
    'node_modules',
    '@rollcall',
    'example-runner',
    'src',
    'main.ts',
  );
  try {
    return realpathSync(linked);
  } catch {
    return linked; // the fetch reports it as artifact_unavailable
  }
}

/**
 * A local launcher for one server: answers `start`, `stop` and `status` on
 * `<prefix>.v1.<ns>.launcher.<serverId>.*`, starting example-runner processes on this machine from its
 * artifact cache. Errors a caller can act on come back as `{ok: false, error: {class, message}}`.
 */
export function startLauncher(options: StartLauncherOptions): Launcher {
  const { nc, prefix, namespace, serverId, stateDir, logger, metrics, clock, signal } = options;
  const newRunnerId = options.newRunnerId ?? defaultRunnerId;
  const cache = new ArtifactCache({
    dir: join(stateDir, 'cache'),
    fetch: localArtifactFetcher(options.exampleRunnerEntry ?? defaultExampleRunnerEntry()),
    clock,
  });
  const processes = new RunnerProcesses({
    logDir: join(stateDir, 'runners'),
    stopGraceMs: options.stopGraceMs,
    env: { NATS_URL: options.natsUrl, ROLLCALL_SUBJECT_PREFIX: prefix },
    logger,
    clock,
  });
  const queue = `rollcall-launcher-${serverId}`;
  const updateGauge = () => {
    metrics.runners.reset();
    for (const { state } of processes.list()) metrics.runners.inc({ state });
  };

  const start = async (request: LauncherStartRequest): Promise<LauncherStartReply> => {
    try {
      const config = parseLocalRunnerConfig(request.config);
      const manifest = await cache.resolve(request);
      if (config.failStart === true) {
        throw new LauncherError(
          'start_failed',
          'config.failStart is set (a test hook of the local launcher)',
        );
      }
      const runnerId = newRunnerId(request.pool);
      await processes.start({
        runnerId,
        pool: request.pool,
        version: request.version,
        entry: manifest.entry,
        config: request.config ?? {},
        args: [
          ...['--namespace', namespace, '--pool', request.pool, '--version', String(request.version)],
          ...['--server-id', serverId, '--runner-id', runnerId],
          ...localRunnerFlags(config),
        ],
      });
      metrics.starts.inc({ result: 'ok' });
      return { ok: true, runnerId };
    } catch (error) {
      if (!(error instanceof LauncherError)) throw error;
      logger.warn({ err: error, pool: request.pool, version: request.version }, 'start refused');
      metrics.starts.inc({ result: error.errorClass });
      return failure(error.errorClass, error.message);
    } finally {
      updateGauge();
    }
  };

  const serving = Promise.all([
    serveRequests(nc, {
      subject: launcherSubject(prefix, namespace, serverId, 'start'),
      queue,
      schema: LauncherStartRequest,
      replySchema: LauncherStartReply,
      signal,
      logger,
      handle: start,
    }),
    serveRequests(nc, {
      subject: launcherSubject(prefix, namespace, serverId, 'stop'),
      queue,
      schema: LauncherStopRequest,
      replySchema: LauncherStopReply,
      signal,
      logger,
      handle: ({ runnerId }) => {
        const state = processes.stop(runnerId);
        void processes.exited(runnerId).then(updateGauge);
        updateGauge();
        return { ok: true as const, runnerId, state };
      },
    }),
    serveRequests(nc, {
      subject: launcherSubject(prefix, namespace, serverId, 'status'),
      queue,
      schema: LauncherStatusRequest,
      replySchema: LauncherStatusReply,
      signal,
      logger,
      handle: async () => {
        // More than the contract asks (pid, state, exit code, log file, entry): callers that only know the
        // contract ignore the extra fields.
        const reply = { serverId, runners: processes.list(), cache: await cache.list() };
        return reply;
      },
    }),
  ]);
  const stopped = serving.then(async () => {
    await processes.stopAll();
    updateGauge();
  });
  return { cache, processes, stopped };
}

function failure(errorClass: LauncherErrorClass, message: string): LauncherStartReply {
  return { ok: false, error: { class: errorClass, message: message.slice(0, 4096) } };
}

function defaultRunnerId(pool: string): string {
  return `${pool.slice(0, 48)}-${randomBytes(6).toString('hex')}`;
}
