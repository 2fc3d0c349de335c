import type { DrainView } from '@rollcall/contracts';

/**
 * Time until a drain's forced stop, for a person, counted from `now` (the page ticks it between reads):
 * `—` once the runner is stopping or the drain finished (the view's `secondsLeft` is null then).
 */
export function timeLeft(drain: Pick<DrainView, 'deadline' | 'secondsLeft'>, now: Date): string {
  if (drain.secondsLeft === null) return '—';
  const seconds = Math.max(0, Math.ceil((Date.parse(drain.deadline) - now.getTime()) / 1000));
  if (seconds === 0) return 'deadline passed';
  const minutes = Math.floor(seconds / 60);
  return minutes === 0 ? `${seconds} s` : `${minutes} min ${seconds % 60} s`;
}
