/** At most `max` holders at once; `acquire` waits for a free slot, in arrival order. */
export interface ConcurrencyLimit {
  acquire(): Promise<void>;
  release(): void;
}

export function concurrencyLimit(max: number): ConcurrencyLimit {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
  let held = 0;
  const waiting: (() => void)[] = [];
  return {
    acquire() {
      if (held < max) {
        held += 1;
        return Promise.resolve();
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    release() {
      const next = waiting.shift();
      // The slot passes straight to the next waiter, so `held` stays as it is.
      if (next === undefined) held -= 1;
      else next();
    },
  };
}
