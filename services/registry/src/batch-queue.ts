/**
 * Items waiting to be handled, taken in batches: `take` waits for at least one and returns as many as are
 * there (up to a maximum), so a busy consumer gets bigger batches and an idle one gets each item at once.
 */
export interface BatchQueue<T> {
  push(item: T): void;
  /**
   * Resolves with up to `max` items in queue order, or null once the queue is closed and empty. With
   * `accept`, items it refuses stay queued, in order, and the result may be empty (everything waiting was
   * refused); without it, it waits for at least one item.
   */
  take(max: number, accept?: (item: T) => boolean): Promise<T[] | null>;
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
    async take(max, accept) {
      while (items.length === 0) {
        if (closed) return null;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
      if (accept !== undefined) {
        const taken: T[] = [];
        const left: T[] = [];
        for (const item of items) {
          if (taken.length < max && accept(item)) taken.push(item);
          else left.push(item);
        }
        items = left;
        return taken;
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
