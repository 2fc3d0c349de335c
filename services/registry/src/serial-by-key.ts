/** Runs tasks one at a time per key, in submission order; tasks under different keys run concurrently. */
export interface SerialByKey {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with a task running or waiting. */
  readonly size: number;
  /** Resolves once every task submitted so far has settled. */
  settled(): Promise<void>;
}

export function serialByKey(): SerialByKey {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      // A failed task must not stall its key: the next one starts when it settles, whatever the outcome.
      const current = previous.then(task, task);
      const tail = current.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return current;
    },
    get size() {
      return tails.size;
    },
    async settled() {
      while (tails.size > 0) await Promise.all(tails.values());
    },
  };
}
