/** Where the Postgres came from: DATABASE_URL, the default local server, one this process started, or a
 * throwaway container (the test harness). */
export type PostgresSource = 'env' | 'local' | 'embedded' | 'container';

export interface PostgresHandle {
  /** URL of the maintenance database `postgres`; create databases from it. */
  url: string;
  source: PostgresSource;
  /** Stops the server if this process started it, else does nothing. */
  stop(): Promise<void>;
}
