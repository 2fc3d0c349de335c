/** Full jitter over an exponential cap, so writers that collided do not collide again in step. */
export function jitteredDelayMs(attempt: number): number {
  return Math.random() * Math.min(1000, 5 * 2 ** attempt);
}
