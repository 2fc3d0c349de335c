import { describeError } from './describe-error';

/**
 * One dependency the service needs before it can do its work. `check` resolves when the dependency
 * answers and rejects with the reason when it does not; it should give up when `signal` aborts.
 */
export interface ReadinessCheck {
  name: string;
  /** Where the dependency is, for messages (credentials removed). */
  target?: string;
  check(signal: AbortSignal): Promise<void>;
}

export interface ReadinessResult {
  name: string;
  ok: boolean;
  error?: string;
}

/** Runs every check at once, each bounded by `timeoutMs`, and reports each one's outcome. */
export async function runReadinessChecks(
  checks: readonly ReadinessCheck[],
  { timeoutMs }: { timeoutMs: number },
): Promise<ReadinessResult[]> {
  return Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withTimeout((signal) => check(signal), timeoutMs);
        return { name, ok: true };
      } catch (error) {
        return { name, ok: false, error: describeError(error) };
      }
    }),
  );
}

async function withTimeout(run: (signal: AbortSignal) => Promise<void>, timeoutMs: number): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  // The check may ignore the signal; racing it keeps a hung dependency from hanging the probe too.
  const timedOut = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs}ms`)), {
      once: true,
    });
  });
  await Promise.race([run(signal), timedOut]);
}
