/** One unit of work a runner holds; counted in `activeSessions` until `end()`. */
export interface Session {
  /** Aborted when the runner is stopped by force: end the work now. */
  readonly signal: AbortSignal;
  readonly ended: boolean;
  /** Idempotent. */
  end(): void;
}
