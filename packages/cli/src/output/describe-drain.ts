import type { DrainView } from '@rollcall/contracts';

/** `web-1 (web v1): waiting_for_sessions, 3 sessions still active; forced stop in 42 s`, or how it ended. */
export function describeDrain(drain: DrainView): string {
  const why = drain.waitingFor ?? drain.outcome;
  return `${drain.runnerId} (${drain.pool} v${drain.version}): ${drain.state}${why === null ? '' : `, ${why}`}`;
}
