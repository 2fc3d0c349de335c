/** A wait that can be called off: for racing a timer against something else without leaving it behind. */
export interface Delay {
  /** Resolves once `ms` have passed, or as soon as the signal aborts or `cancel` is called; never rejects. */
  readonly elapsed: Promise<void>;
  readonly cancel: () => void;
}

export function delay(ms: number, signal: AbortSignal): Delay {
  let cancel = () => {};
  const elapsed = new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
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
