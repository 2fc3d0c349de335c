/**
 * How long a command handler waits before its `attempt`+1-th append after a `ConcurrencyError`: full jitter
 * over an exponential cap, so writers that collided do not collide again in step.
 */
export function conflictBackoffMs(attempt: number): number {
  return Math.random() * Math.min(1000, 5 * 2 ** attempt);
}
