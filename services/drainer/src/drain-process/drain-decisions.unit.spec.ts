import { decide } from '@rollcall/domain';
import {
  NAMESPACE,
  POOL,
  runnerBecameBusy,
  runnerConnected,
  secondsAfterNow,
  stopRequested,
} from '@rollcall/domain/testing';
import { describe, expect, it } from 'vitest';
import { at, drained, watchedAfter } from '../testing/drain-timeline';
import { DRAINER_ACTOR, stopDecision, stopTimeoutDecision } from './drain-decisions';

const ref = { namespace: NAMESPACE, pool: POOL };

describe('stopDecision', () => {
  it('stops an idle draining runner gracefully, stamped with the decision time', () => {
    const { state } = watchedAfter([
      runnerConnected({ runnerId: 'r-1', version: 1 }),
      drained('r-1', 10, 610),
    ]);
    const command = stopDecision(ref, 'r-1', at(11))(state);
    expect(command).toEqual({
      type: 'RequestStop',
      data: { ...ref, runnerId: 'r-1', forced: false, reason: 'drain_complete' },
      metadata: { now: at(11), actor: DRAINER_ACTOR },
    });
    expect(command && decide(command, state)).toEqual([
      {
        type: 'RunnerStopRequested',
        data: {
          ...ref,
          runnerId: 'r-1',
          forced: false,
          reason: 'drain_complete',
          requestedAt: at(11).toISOString(),
        },
      },
    ]);
  });

  it('stops a busy one by force only from its deadline on', () => {
    const { state } = watchedAfter([
      runnerConnected({ runnerId: 'r-1', version: 1 }),
      runnerBecameBusy('r-1', 1, secondsAfterNow(5)),
      drained('r-1', 10, 70),
    ]);
    expect(stopDecision(ref, 'r-1', at(69))(state)).toBeNull();
    expect(stopDecision(ref, 'r-1', at(70))(state)?.data).toMatchObject({
      forced: true,
      reason: 'drain_deadline',
    });
  });

  it('decides nothing for a runner already told to stop: a repeat or a second replica changes nothing', () => {
    const { state } = watchedAfter([
      runnerConnected({ runnerId: 'r-1', version: 1 }),
      drained('r-1', 10, 610),
      stopRequested({ runnerId: 'r-1', requestedAt: secondsAfterNow(11) }),
    ]);
    expect(stopDecision(ref, 'r-1', at(700))(state)).toBeNull();
  });
});

describe('stopTimeoutDecision', () => {
  it('marks a runner still stopping lost, with the time it was last seen', () => {
    const { state } = watchedAfter([
      runnerConnected({ runnerId: 'r-1', version: 1 }),
      drained('r-1', 10, 610),
      stopRequested({ runnerId: 'r-1', requestedAt: secondsAfterNow(11) }),
    ]);
    const lastSeen = at(9).toISOString();
    expect(stopTimeoutDecision(ref, 'r-1', lastSeen, at(41))(state)).toEqual({
      type: 'MarkLost',
      data: { ...ref, runnerId: 'r-1', reason: 'stop_timeout', lastSeenAt: lastSeen },
      metadata: { now: at(41), actor: DRAINER_ACTOR },
    });
  });

  it('leaves alone a runner that is no longer stopping (it connected again)', () => {
    const { state } = watchedAfter([
      runnerConnected({ runnerId: 'r-1', version: 1 }),
      drained('r-1', 10, 610),
      stopRequested({ runnerId: 'r-1', requestedAt: secondsAfterNow(11) }),
      runnerConnected({ runnerId: 'r-1', version: 1, connectedAt: secondsAfterNow(20) }),
    ]);
    expect(stopTimeoutDecision(ref, 'r-1', at(20).toISOString(), at(41))(state)).toBeNull();
  });
});
