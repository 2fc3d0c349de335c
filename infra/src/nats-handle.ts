/** Where NATS came from: NATS_URL, the default local server, a nats-server this process started, or a
 * throwaway container (the test harness). */
export type NatsSource = 'env' | 'local' | 'spawned' | 'container';

export interface NatsHandle {
  url: string;
  source: NatsSource;
  /** Stops the server if this process started it, else does nothing. */
  stop(): Promise<void>;
}
