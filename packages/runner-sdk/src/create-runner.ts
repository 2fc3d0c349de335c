import { randomBytes } from 'node:crypto';
import { describeIssues } from '@rollcall/contracts';
import { pino } from 'pino';
import { InvalidRunnerOptionsError } from './invalid-runner-options-error';
import type { Runner } from './runner';
import { RunnerConfig, type RunnerOptions } from './runner-options';
import { RunnerProcess } from './runner-process';

/**
 * A runner that speaks the wire contract: `start()` connects and announces it, heartbeats carry its
 * session count, drain/stop/undrain commands drive it (repeats are no-ops), and it publishes
 * `disconnected` on the way out. Throws `InvalidRunnerOptionsError` naming the field when an option
 * breaks the contract, before anything is sent.
 */
export function createRunner(options: RunnerOptions): Runner {
  const parsed = RunnerConfig.safeParse(options);
  if (!parsed.success) {
    throw new InvalidRunnerOptionsError(describeIssues(parsed.error.issues), parsed.error.issues, {
      cause: parsed.error,
    });
  }
  const connection =
    options.nc !== undefined
      ? { nc: options.nc }
      : options.natsUrl !== undefined && options.natsUrl !== ''
        ? { natsUrl: options.natsUrl }
        : undefined;
  if (connection === undefined) throw new InvalidRunnerOptionsError('nc or natsUrl is required', []);
  const config = parsed.data;
  const runnerId = config.runnerId ?? `${config.pool.slice(0, 40)}-${randomHex()}`;
  return new RunnerProcess({
    config: { ...config, runnerId },
    incarnation: randomHex(),
    connection,
    logger: options.logger ?? pino({ level: 'silent' }),
  });
}

function randomHex(): string {
  return randomBytes(6).toString('hex');
}
