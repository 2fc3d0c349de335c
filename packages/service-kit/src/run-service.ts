import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';
import { ConfigError } from './config-error';
import { DependencyUnavailableError } from './dependency-unavailable-error';
import { describeError } from './describe-error';
import { PortInUseError } from './port-in-use-error';
import { ShutdownFailedError } from './shutdown-failed-error';

/** Undoes one thing the service started: close the HTTP server, drain NATS, destroy the pool. */
export type ShutdownStep = () => unknown;

export interface ServiceContext {
  /**
   * Aborted as soon as shutdown begins (signal, crash or failed start-up), before the first step runs,
   * so loops the service started begin to wind down at once.
   */
  readonly signal: AbortSignal;
  /**
   * Registers what to undo on shutdown. Steps run one at a time in reverse order of registration, so
   * registering each right after its resource exists gives: HTTP, consumers, NATS, Postgres.
   */
  onShutdown(name: string, step: ShutdownStep): void;
  /** From here on lifecycle messages go to this logger instead of plain stderr lines. Returns it. */
  useLogger(logger: Logger): Logger;
}

export interface RunServiceOptions {
  /** Prefixes the plain stderr lines written before a logger exists. */
  service: string;
  /** Time for all shutdown steps together; when it runs out the process exits 1. @default 10_000 */
  shutdownTimeoutMs?: number;
}

/**
 * Runs a service process: `start` builds and starts everything, registering a shutdown step for each
 * resource. SIGTERM/SIGINT, an uncaught error, or `start` rejecting run the registered steps in reverse;
 * the process exits 0 after a clean shutdown and 1 when start-up failed, the service crashed, a step
 * threw, or the steps outlived `shutdownTimeoutMs`. A failed start-up prints one line per problem to
 * stderr (the config or connection error's own message), not a stack trace.
 */
export function runService(
  { service, shutdownTimeoutMs = 10_000 }: RunServiceOptions,
  start: (context: ServiceContext) => Promise<void>,
): void {
  const steps: { name: string; step: ShutdownStep }[] = [];
  const stopping = new AbortController();
  let logger: Logger | undefined;
  let currentStep: string | undefined;
  let startupError: unknown;

  const printLines = (text: string) => {
    for (const line of text.split('\n')) process.stderr.write(`${service}: ${line}\n`);
  };
  const report = (level: 'info' | 'error' | 'fatal', message: string, fields: object = {}) => {
    if (logger === undefined) printLines(message);
    else logger[level](fields, message);
  };

  const runSteps = async () => {
    stopping.abort();
    const failed: string[] = [];
    for (const { name, step } of steps.toReversed()) {
      currentStep = name;
      try {
        await step();
      } catch (error) {
        failed.push(name);
        report('error', `shutdown step "${name}" failed: ${describeError(error)}`, {
          err: error,
          step: name,
        });
      }
    }
    currentStep = undefined;
    if (failed.length > 0) throw new ShutdownFailedError(failed);
  };

  const grace = closeWithGrace(
    {
      delay: shutdownTimeoutMs,
      // close-with-grace reports what the callback threw; it was reported already, where it happened.
      logger: {
        error: (error: unknown) => {
          if (error === startupError || error instanceof ShutdownFailedError) return;
          report('error', `shutdown failed: ${describeError(error)}`, { err: error });
        },
      },
      onTimeout: (delay) =>
        report(
          'error',
          `shutdown took longer than ${delay}ms (stuck in step "${currentStep ?? '?'}"); exiting`,
        ),
      onSecondSignal: (signal) => report('error', `second ${signal} during shutdown; exiting now`),
      onSecondError: (error) =>
        report('fatal', `crashed again during shutdown: ${describeError(error)}`, { err: error }),
    },
    async ({ signal, err }) => {
      if (err !== undefined) report('fatal', `crashed, shutting down: ${describeError(err)}`, { err });
      else if (signal !== undefined) report('info', `received ${signal}, shutting down`);
      await runSteps();
      if (startupError !== undefined) throw startupError;
      if (err === undefined) report('info', 'stopped');
    },
  );

  const context: ServiceContext = {
    signal: stopping.signal,
    onShutdown: (name, step) => {
      steps.push({ name, step });
    },
    useLogger: (given) => {
      logger = given;
      return given;
    },
  };

  start(context).then(
    () => report('info', 'started'),
    (error: unknown) => {
      if (stopping.signal.aborted) return; // a signal arrived mid-start; that shutdown is already running
      startupError = error ?? new Error('start-up failed');
      printLines(describeStartupError(error));
      logger?.debug({ err: error }, 'start-up failed');
      grace.close();
    },
  );
}

// These already say what is wrong and what to do; their causes (zod's issue dump, the raw errno) add noise.
function describeStartupError(error: unknown): string {
  const complete =
    error instanceof ConfigError ||
    error instanceof PortInUseError ||
    error instanceof DependencyUnavailableError;
  return complete ? error.message : describeError(error);
}
