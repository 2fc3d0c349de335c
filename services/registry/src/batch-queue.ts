/**
 * Items waiting to be handled, taken in batches: `take` waits for at least one and returns as many as are
 * there (up to a maximum), so a busy consumer gets bigger batches and an idle one gets each item at once.
 */
export interface BatchQueue<T> {
  push(item: T): void;
  /** Resolves with 1..max items, or null once the queue is closed and empty. */
  take(max: number): Promise<T[] | null>;
  /** No more pushes; returns what was still waiting (a pending `take` then resolves null). */
  close(): T[];
}

export function batchQueue<T>(): BatchQueue<T> {
  let items: T[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  return {
    push(item) {
      items.push(item);
      wake?.();
    },
    async take(max) {
      while (items.length === 0) {
        if (closed) return null;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
      if (items.length <= max) {
        const all = items;
        items = [];
        return all;
      }
      return items.splice(0, max);
    },
    close() {
      closed = true;
      const left = items;
      items = [];
      wake?.();
      return left;
    },
  };
}
