import type { IsoTimestamp, RunnerId } from '@rollcall/contracts';
import { findRunner, type PoolRef, runnersDueToStop } from '@rollcall/domain';
import type { PoolDecision } from '@rollcall/pool-commands';

/** Who the drainer's decisions are attributed to, in event metadata. */
export const DRAINER_ACTOR = 'rollcall:drainer';

/**
 * Stops the runner if, on the state the decision is appended against, the domain says its stop is due at
 * `now`: gracefully when idle, by force when its deadline has passed. A runner that has been told to stop
 * already, or is busy again before its deadline, is left alone: a repeat or a takeover decides nothing.
 */
export function stopDecision(ref: PoolRef, runnerId: RunnerId, now: Date): PoolDecision {
  return (state) => {
    const due = runnersDueToStop(state, now).find((stop) => stop.runnerId === runnerId);
    if (due === undefined) return null;
    return {
      type: 'RequestStop',
      data: { ...ref, runnerId, forced: due.forced, reason: due.reason },
      metadata: { now, actor: DRAINER_ACTOR },
    };
  };
}

/** Marks the runner lost (`stop_timeout`) if it is still stopping: it has not disconnected since. */
export function stopTimeoutDecision(
  ref: PoolRef,
  runnerId: RunnerId,
  lastSeenAt: IsoTimestamp,
  now: Date,
): PoolDecision {
  return (state) =>
    findRunner(state, runnerId)?.status === 'stopping'
      ? {
          type: 'MarkLost',
          data: { ...ref, runnerId, reason: 'stop_timeout', lastSeenAt },
          metadata: { now, actor: DRAINER_ACTOR },
        }
      : null;
}
