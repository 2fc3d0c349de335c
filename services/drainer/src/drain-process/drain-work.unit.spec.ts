import {
  runnerBecameBusy,
  runnerBecameIdle,
  runnerConnected,
  runnerLost,
  runnerStopped,
  runnerUndrained,
  secondsAfterNow,
  stopRequested,
} from '@rollcall/domain/testing';
import { describe, expect, it } from 'vitest';
import { at, drained, watchedAfter } from '../testing/drain-timeline';
import { drainsInProgress, dueWork, nextDueAt } from './drain-work';

const GRACE_MS = 30_000;

describe('drain work', () => {
  describe('a pool with no drain', () => {
    const pool = watchedAfter([
      runnerConnected({ runnerId: 'r-1', version: 1 }),
      runnerBecameBusy('r-1', 1, secondsAfterNow(5)),
    ]);

    it('has nothing due and nothing pending', () => {
      expect(dueWork(pool, at(10_000), GRACE_MS)).toEqual([]);
      expect(nextDueAt(pool, at(10), GRACE_MS)).toBeNull();
      expect(drainsInProgress(pool)).toBe(0);
    });
  });

  describe('a runner idle when its drain is recorded', () => {
    const pool = watchedAfter([runnerConnected({ runnerId: 'r-1', version: 1 }), drained('r-1', 10, 610)]);

    it('is due to stop gracefully at once, long before its deadline', () => {
      expect(dueWork(pool, at(10), GRACE_MS)).toEqual([
        { kind: 'stop', runnerId: 'r-1', forced: false, reason: 'drain_complete' },
      ]);
      expect(drainsInProgress(pool)).toBe(1);
    });
  });

  describe('a busy draining runner', () => {
    const pool = watchedAfter([
      runnerConnected({ runnerId: 'r-1', version: 1 }),
      runnerBecameBusy('r-1', 1, secondsAfterNow(5)),
      drained('r-1', 10, 70),
    ]);

    it('is not due before its deadline, and its deadline is the next instant', () => {
      expect(dueWork(pool, at(69), GRACE_MS)).toEqual([]);
      expect(nextDueAt(pool, at(11), GRACE_MS)).toBe(at(70).getTime());
    });

    it('is due to stop by force at its deadline', () => {
      expect(dueWork(pool, at(70), GRACE_MS)).toEqual([
        { kind: 'stop', runnerId: 'r-1', forced: true, reason: 'drain_deadline' },
      ]);
      expect(nextDueAt(pool, at(70), GRACE_MS)).toBeNull();
    });

    it('has nothing due once an operator undrained it', () => {
      const pool = watchedAfter([
        runnerConnected({ runnerId: 'r-1', version: 1 }),
        runnerBecameBusy('r-1', 1, secondsAfterNow(5)),
        drained('r-1', 10, 70),
        runnerUndrained('r-1', secondsAfterNow(20)),
      ]);
      expect(dueWork(pool, at(1000), GRACE_MS)).toEqual([]);
      expect(nextDueAt(pool, at(20), GRACE_MS)).toBeNull();
      expect(drainsInProgress(pool)).toBe(0);
    });

    it('is due to stop gracefully once its last session ended', () => {
      const idleNow = watchedAfter([
        runnerConnected({ runnerId: 'r-1', version: 1 }),
        runnerBecameBusy('r-1', 1, secondsAfterNow(5)),
        drained('r-1', 10, 70),
        runnerBecameIdle('r-1', secondsAfterNow(20)),
      ]);
      expect(dueWork(idleNow, at(20), GRACE_MS)).toEqual([
        { kind: 'stop', runnerId: 'r-1', forced: false, reason: 'drain_complete' },
      ]);
    });
  });

  describe('a runner told to stop', () => {
    const events = [
      runnerConnected({ runnerId: 'r-1', version: 1 }),
      drained('r-1', 10, 610),
      stopRequested({ runnerId: 'r-1', requestedAt: secondsAfterNow(11) }),
    ];
    const pool = watchedAfter(events);

    it('is nothing due until the grace period after the stop has passed, then it is a stop timeout', () => {
      expect(dueWork(pool, at(40), GRACE_MS)).toEqual([]);
      expect(nextDueAt(pool, at(12), GRACE_MS)).toBe(at(41).getTime());
      expect(dueWork(pool, at(41), GRACE_MS)).toEqual([
        { kind: 'lost', runnerId: 'r-1', stopRequestedAt: at(11).toISOString() },
      ]);
      expect(drainsInProgress(pool)).toBe(1);
    });

    it('has nothing left once it stopped or was lost', () => {
      for (const end of [
        runnerStopped('r-1', undefined, secondsAfterNow(12)),
        runnerLost('r-1', secondsAfterNow(50), secondsAfterNow(50)),
      ]) {
        const ended = watchedAfter([...events, end]);
        expect(dueWork(ended, at(1000), GRACE_MS)).toEqual([]);
        expect(nextDueAt(ended, at(12), GRACE_MS)).toBeNull();
        expect(drainsInProgress(ended)).toBe(0);
      }
    });

    it('starts afresh when it connects again: the old stop request times nothing out', () => {
      const back = watchedAfter([
        ...events,
        runnerConnected({ runnerId: 'r-1', version: 1, connectedAt: secondsAfterNow(20) }),
      ]);
      expect(back.stopRequests.size).toBe(0);
      expect(dueWork(back, at(1000), GRACE_MS)).toEqual([]);
    });
  });
});
