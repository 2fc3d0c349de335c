import { afterEach } from 'vitest';

export interface Replicas {
  /**
   * Starts a replica with `run`, on a signal of its own; returns its shutdown (abort, then wait until it has
   * stopped), e.g. to kill it mid-test and start another.
   */
  start(run: (signal: AbortSignal) => { stopped: Promise<unknown> }): () => Promise<void>;
  /** Shuts down every replica still running. */
  stopAll(): Promise<void>;
}

/**
 * Service replicas the calling test file starts per test (several may race, like processes would): each
 * stops with its shutdown, or after its test whatever happened.
 */
export function useReplicas(): Replicas {
  const running = new Set<() => Promise<void>>();
  const stopAll = async () => {
    await Promise.all([...running].map((shutdown) => shutdown()));
  };
  afterEach(stopAll);
  return {
    start(run) {
      const controller = new AbortController();
      const { stopped } = run(controller.signal);
      const shutdown = async () => {
        controller.abort();
        await stopped;
        running.delete(shutdown);
      };
      running.add(shutdown);
      return shutdown;
    },
    stopAll,
  };
}
