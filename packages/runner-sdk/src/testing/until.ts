import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits for something the runner does in answer (a hook ran, a log line, a message stored): a wait for a
 * condition, not a timing assertion. The bound only keeps a broken test from hanging.
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(10);
  }
}
