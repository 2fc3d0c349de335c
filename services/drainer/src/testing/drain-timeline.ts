import type { PoolEvent, RunnerDrainRequested } from '@rollcall/contracts';
import { drainRequested, NAMESPACE, POOL, secondsAfterNow } from '@rollcall/domain/testing';
import { evolveWatchedPool, unfoldedPool, type WatchedPool } from '../drain-process/watched-pool';

// The drain process specs' timeline; the pool events themselves come from @rollcall/domain/testing.

/** The instant `second` seconds into the timeline, as a decision's clock gives it. */
export function at(second: number): Date {
  return new Date(secondsAfterNow(second));
}

/** The watched pool after `events`, folded at stream versions 1, 2, ... */
export function watchedAfter(events: readonly PoolEvent[]): WatchedPool {
  return events.reduce(
    (pool, event, index) => evolveWatchedPool(pool, event, BigInt(index + 1)),
    unfoldedPool(NAMESPACE, POOL),
  );
}

/** An operator's drain of `runnerId` requested at `second`, due at `deadlineSecond`. */
export function drained(runnerId: string, second: number, deadlineSecond: number): RunnerDrainRequested {
  return drainRequested({
    runnerId,
    reason: 'operator',
    requestedAt: secondsAfterNow(second),
    deadline: secondsAfterNow(deadlineSecond),
  });
}
