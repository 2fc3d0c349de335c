import { setTimeout as sleep } from 'node:timers/promises';

export class BenchTimeoutError extends Error {
  override readonly name = 'BenchTimeoutError';
}

/**
 * Polls `probe` every `intervalMs` until it returns true; resolves with `performance.now()` of the probe
 * that saw it. The timeout keeps a broken run from hanging, and says what it waited for.
 */
export async function waitUntil(
  probe: () => Promise<boolean> | boolean,
  { what, intervalMs = 5, timeoutMs = 300_000 }: { what: string; intervalMs?: number; timeoutMs?: number },
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await probe()) return performance.now();
    if (performance.now() > deadline) throw new BenchTimeoutError(`gave up waiting for ${what}`);
    await sleep(intervalMs);
  }
}
