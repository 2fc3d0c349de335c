/**
 * A runner's session count at its next heartbeat: a random walk of one step within `[0, slots]` while it
 * takes sessions; while draining it only winds down (one session ends about every other heartbeat).
 * `random` returns a number in [0, 1).
 */
export function nextSessions(
  current: number,
  slots: number,
  draining: boolean,
  random: () => number,
): number {
  const roll = random();
  if (draining) return roll < 0.5 ? Math.max(0, current - 1) : current;
  const step = roll < 1 / 3 ? -1 : roll < 2 / 3 ? 0 : 1;
  return Math.min(slots, Math.max(0, current + step));
}
