/** A wait that can be called off: for racing a timer against something else without leaving it behind. */
export interface Delay {
  /** Resolves once `ms` have passed (at once if not positive), as soon as the signal aborts, or on `cancel`; never rejects. */
  readonly elapsed: Promise<void>;
  readonly cancel: () => void;
}

/**
 * Waits `ms`, or less when `signal` aborts. Never rejects: callers check `signal.aborted` afterwards, so an
 * abort reads as "stop after this step" rather than as an error to unwind.
 */
export function delay(ms: number, signal: AbortSignal): Delay {
  let cancel = () => {};
  const elapsed = new Promise<void>((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    cancel = done;
  });
  return { elapsed, cancel };
}
