/**
 * Waits `ms`, or less when `signal` aborts. Never rejects: callers check `signal.aborted` afterwards, so an
 * abort reads as "stop after this step" rather than as an error to unwind.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
