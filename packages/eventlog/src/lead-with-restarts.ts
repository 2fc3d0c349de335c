import { type AdvisoryLockOptions, whileHoldingAdvisoryLock } from './advisory-lock';
import { backoffOf, type RetryBackoff } from './retry-backoff';
import { sleep } from './sleep';

export interface RestartOptions {
  /** Waits between a failed leadership and the next try. @default 250 ms doubling to 30 s */
  retryBackoff?: RetryBackoff;
  /** Logged at error level with each failure, e.g. `drain process failed; starting over from its checkpoint`. */
  failureMessage: string;
}

/**
 * Leads (`whileHoldingAdvisoryLock`) until the lock's `signal` aborts. A failure (of `lead` or of the lock's
 * session) is logged and the leadership tried again after a backoff that grows with the failures in a row;
 * one that called `markProgress` before failing starts a new run of failures.
 */
export async function leadWithRestarts(
  lock: AdvisoryLockOptions,
  { retryBackoff, failureMessage }: RestartOptions,
  lead: (held: AbortSignal, markProgress: () => void) => Promise<void>,
): Promise<void> {
  const backoff = backoffOf(retryBackoff);
  let failuresInARow = 0;
  while (!lock.signal.aborted) {
    let progressed = false;
    try {
      await whileHoldingAdvisoryLock(lock, (held) =>
        lead(held, () => {
          progressed = true;
        }),
      );
    } catch (error) {
      failuresInARow = progressed ? 1 : failuresInARow + 1;
      lock.logger.error({ err: error }, failureMessage);
      await sleep(backoff(failuresInARow), lock.signal);
    }
  }
}
