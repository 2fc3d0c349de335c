import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { LauncherError } from './launcher-error';

/** One runner process as `status` shows it; exited ones stay listed so a caller can see how they ended. */
export const RunnerProcessStatus = z.object({
  runnerId: z.string(),
  pool: z.string(),
  version: z.int(),
  pid: z.int().optional(),
  startedAt: z.string(),
  state: z.enum(['running', 'stopping', 'exited']),
  /** The start request's `config`, as given: what a rollout backs up to start the runner again. */
  config: z.record(z.string(), z.unknown()),
  exitCode: z.int().nullable().optional(),
  exitSignal: z.string().nullable().optional(),
  exitedAt: z.string().optional(),
  logFile: z.string(),
});
export type RunnerProcessStatus = z.infer<typeof RunnerProcessStatus>;

/** What a stop found: the runner was told to stop now, was already stopping or gone, or is not ours. */
export type StopOutcome = 'stopping' | 'exited' | 'unknown';

export interface StartRunnerProcess {
  runnerId: string;
  pool: string;
  version: number;
  /** The runner program (a TypeScript file run through tsx). */
  entry: string;
  args: readonly string[];
  config: Record<string, unknown>;
}

export interface RunnerProcessesOptions {
  /** Each runner's stdout and stderr go to `<logDir>/<runnerId>.log`. */
  logDir: string;
  /** Time between SIGTERM and SIGKILL. */
  stopGraceMs: number;
  /** Environment given to every runner, on top of the launcher's own minus its `RUNNER_*` variables. */
  env: Record<string, string>;
  logger: Logger;
  clock: () => Date;
}

// Exited runners are kept for `status`, but only the latest, so a long-lived launcher does not grow.
const KEPT_EXITED = 100;

// Resolved from this package, so runners start whatever the working directory of the launcher is.
const TSX_LOADER = import.meta.resolve('tsx');

interface RunnerProcess {
  status: RunnerProcessStatus;
  child: ChildProcess;
  exited: Promise<void>;
}

/** The runner processes this launcher started: spawn, SIGTERM then SIGKILL, and what became of them. */
export class RunnerProcesses {
  readonly #options: RunnerProcessesOptions;
  readonly #runners = new Map<string, RunnerProcess>();

  constructor(options: RunnerProcessesOptions) {
    this.#options = options;
  }

  /** Resolves once the process is spawned (not once it registers); a spawn error is `start_failed`. */
  async start({
    runnerId,
    pool,
    version,
    entry,
    args,
    config,
  }: StartRunnerProcess): Promise<RunnerProcessStatus> {
    const { logDir, env, logger, clock } = this.#options;
    mkdirSync(logDir, { recursive: true });
    const logFile = join(logDir, `${runnerId}.log`);
    const log = openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, ['--import', TSX_LOADER, entry, ...args], {
        cwd: dirname(entry),
        env: { ...launcherEnvWithoutRunnerVariables(), ...env },
        stdio: ['ignore', log, log],
      });
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
    } catch (error) {
      throw new LauncherError('start_failed', `could not spawn runner ${runnerId}: ${String(error)}`, {
        cause: error,
      });
    } finally {
      closeSync(log);
    }
    const status: RunnerProcessStatus = {
      runnerId,
      pool,
      version,
      pid: child.pid,
      startedAt: clock().toISOString(),
      state: 'running',
      config,
      logFile,
    };
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        status.state = 'exited';
        status.exitCode = code;
        status.exitSignal = signal;
        status.exitedAt = clock().toISOString();
        logger.info({ runnerId, code, signal }, 'runner process exited');
        this.#forgetOldExited();
        resolve();
      });
    });
    child.on('error', (error) => logger.warn({ err: error, runnerId }, 'runner process error'));
    this.#runners.set(runnerId, { status, child, exited });
    logger.info({ runnerId, pool, version, pid: child.pid, logFile }, 'runner process started');
    return { ...status };
  }

  /** SIGTERM now (the runner finishes its sessions and publishes `disconnected`), SIGKILL after the grace. */
  stop(runnerId: string): StopOutcome {
    const runner = this.#runners.get(runnerId);
    if (runner === undefined) return 'unknown';
    if (runner.status.state !== 'running') return runner.status.state;
    runner.status.state = 'stopping';
    runner.child.kill('SIGTERM');
    const kill = setTimeout(() => {
      this.#options.logger.warn({ runnerId }, 'runner did not exit within the stop grace; killing it');
      runner.child.kill('SIGKILL');
    }, this.#options.stopGraceMs);
    void runner.exited.then(() => clearTimeout(kill));
    return 'stopping';
  }

  /** Resolves once the runner has exited; at once for one that is not ours. */
  async exited(runnerId: string): Promise<void> {
    await this.#runners.get(runnerId)?.exited;
  }

  list(): RunnerProcessStatus[] {
    return [...this.#runners.values()].map(({ status }) => ({ ...status }));
  }

  /** Stops every runner still running and waits for all of them to exit. */
  async stopAll(): Promise<void> {
    for (const runnerId of this.#runners.keys()) this.stop(runnerId);
    await Promise.all([...this.#runners.values()].map(({ exited }) => exited));
  }

  #forgetOldExited(): void {
    const exited = [...this.#runners.values()].filter(({ status }) => status.state === 'exited');
    for (const { status } of exited.slice(0, Math.max(0, exited.length - KEPT_EXITED))) {
      this.#runners.delete(status.runnerId);
    }
  }
}

// A launcher started from a runner's shell must not hand its own RUNNER_* settings to every runner.
function launcherEnvWithoutRunnerVariables(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('RUNNER_')));
}
