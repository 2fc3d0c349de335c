import { WaitTimeoutError } from './wait-timeout-error';

export interface WaitUntilOptions {
  /** Give up after this long. In milliseconds. */
  timeoutMs: number;
  /** Pause between checks. In milliseconds. @default 250 */
  intervalMs?: number;
  /** Stops waiting early (the abort reason is thrown). */
  signal?: AbortSignal;
}

/**
 * Polls `check` until it returns true. Bring-up polls only through here, so no wait can hang and each
 * timeout names what it waited for.
 */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  options: WaitUntilOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 250;
  for (;;) {
    options.signal?.throwIfAborted();
    if (await check()) return;
    if (Date.now() + interval > deadline) throw WaitTimeoutError.after(options.timeoutMs, what);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
