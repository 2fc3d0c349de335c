import type { IsoTimestamp, RunnerId, StopReason } from '@rollcall/contracts';
import { runnersDueToStop } from '@rollcall/domain';
import type { WatchedPool } from './watched-pool';

/** What the drain process has to decide for one runner now. */
export type DrainWork =
  /** Idle (graceful, `drain_complete`) or past its deadline with sessions left (forced, `drain_deadline`). */
  | Readonly<{ kind: 'stop'; runnerId: RunnerId; forced: boolean; reason: StopReason }>
  /** Told to stop at `stopRequestedAt` and still not gone after the grace period. */
  | Readonly<{ kind: 'lost'; runnerId: RunnerId; stopRequestedAt: IsoTimestamp }>;

/** The work due at `now`: stops by the domain's rule, then stop timeouts, each list by runner id. */
export function dueWork(watched: WatchedPool, now: Date, stopGraceMs: number): DrainWork[] {
  const stops: DrainWork[] = runnersDueToStop(watched.state, now).map((due) => ({ kind: 'stop', ...due }));
  const timeouts: DrainWork[] = [...watched.stopRequests]
    .filter(([, stop]) => Date.parse(stop.requestedAt) + stopGraceMs <= now.getTime())
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([runnerId, stop]) => ({ kind: 'lost', runnerId, stopRequestedAt: stop.requestedAt }));
  return [...stops, ...timeouts];
}

/**
 * The earliest instant after `now` (epoch ms) at which work falls due without anything else happening: a
 * busy draining runner's deadline, or a stopping runner's stop timeout. Null when nothing is pending.
 * (Work that a new event makes due, such as a runner becoming idle, comes with that event.)
 */
export function nextDueAt(watched: WatchedPool, now: Date, stopGraceMs: number): number | null {
  let next: number | null = null;
  const consider = (at: number) => {
    if (at > now.getTime() && (next === null || at < next)) next = at;
  };
  if (watched.state.status === 'open') {
    for (const runner of watched.state.runners.values()) {
      if (runner.status === 'draining' && runner.drain !== null && runner.idleSince === null) {
        consider(Date.parse(runner.drain.deadline));
      }
    }
  }
  for (const stop of watched.stopRequests.values()) consider(Date.parse(stop.requestedAt) + stopGraceMs);
  return next;
}

/** Runners whose drain has not ended yet: draining, or told to stop and not gone. */
export function drainsInProgress(watched: WatchedPool): number {
  if (watched.state.status === 'empty') return 0;
  let count = 0;
  for (const runner of watched.state.runners.values()) {
    if (runner.status === 'draining' || runner.status === 'stopping') count += 1;
  }
  return count;
}
