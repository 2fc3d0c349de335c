import { DrainView } from '@rollcall/contracts';
import { secondsAfterNow as at, NAMESPACE, POOL } from '@rollcall/domain/testing';
import { describe, expect, it } from 'vitest';
import type { DrainRow } from './drain-row';
import { type DrainViewContext, drainViewOf } from './drain-view-of';

// Requested at +60 s, deadline at +360 s; the drain event is at position 10.
const draining: DrainRow = {
  id: 10n,
  namespace: NAMESPACE,
  runnerId: 'web-1',
  pool: POOL,
  version: 1,
  serverId: 'server-1',
  reason: 'operator',
  supersededBy: null,
  requestedBy: 'alice',
  requestedAt: at(60),
  deadline: at(360),
  phase: 'draining',
  noticePosition: 10n,
  activeSessions: 0,
  sessionsAt: at(60),
  stopRequestedAt: null,
  stopForced: false,
  stopReason: null,
  stopPosition: null,
  endedAt: null,
  outcome: null,
  updatedPosition: 10n,
};

const stopping: DrainRow = {
  ...draining,
  phase: 'stopping',
  stopRequestedAt: at(300),
  stopReason: 'drain_complete',
  stopPosition: 14n,
  updatedPosition: 14n,
};

function view(row: DrainRow, context: Partial<DrainViewContext> & { seconds: number }) {
  const shown = drainViewOf(row, {
    liveness: null,
    relayPosition: null,
    now: new Date(at(context.seconds)),
    ...context,
  });
  expect(DrainView.parse(shown)).toEqual(shown);
  return shown;
}

describe('a drain in progress', () => {
  it('is requested until the relay sent the drain notice', () => {
    for (const relayPosition of [null, 9n]) {
      expect(view(draining, { relayPosition, seconds: 100 })).toMatchObject({
        state: 'requested',
        secondsLeft: 260,
        waitingFor: 'drain notice not yet sent',
      });
    }
  });

  it('is notified once sent, while the runner is idle', () => {
    expect(view(draining, { relayPosition: 10n, seconds: 100 })).toMatchObject({
      state: 'notified',
      activeSessions: 0,
      waitingFor: 'runner is idle; stop due',
    });
  });

  it('waits for sessions that a newer heartbeat reports, with the time left until the forced stop', () => {
    const liveness = { activeSessions: 3, lastSeenAt: at(61) };
    expect(view(draining, { liveness, relayPosition: 12n, seconds: 318 })).toMatchObject({
      state: 'waiting_for_sessions',
      activeSessions: 3,
      secondsLeft: 42,
      waitingFor: '3 sessions still active; forced stop in 42 s',
    });
  });

  it('trusts the log over a heartbeat older than its last busy/idle event', () => {
    const busy = { ...draining, activeSessions: 1, sessionsAt: at(90) };
    const stale = { activeSessions: 0, lastSeenAt: at(80) };
    expect(view(busy, { liveness: stale, relayPosition: 12n, seconds: 100 })).toMatchObject({
      activeSessions: 1,
      waitingFor: '1 session still active; forced stop in 260 s',
    });
  });

  it('says so when the deadline has passed and the forced stop is due', () => {
    const busy = { ...draining, activeSessions: 2 };
    expect(view(busy, { relayPosition: 12n, seconds: 365 })).toMatchObject({
      state: 'waiting_for_sessions',
      secondsLeft: 0,
      waitingFor: '2 sessions still active; deadline passed 5 s ago; forced stop due',
    });
  });

  it('is stopping once the stop is decided, and says whether the stop went out', () => {
    expect(view(stopping, { relayPosition: 12n, seconds: 302 })).toMatchObject({
      state: 'stopping',
      secondsLeft: null,
      waitingFor: 'stop decided 2 s ago; not yet sent',
    });
    expect(view({ ...stopping, stopForced: true }, { relayPosition: 14n, seconds: 312 })).toMatchObject({
      state: 'stopping',
      forced: true,
      waitingFor: 'forced stop sent 12 s ago; waiting for the runner to disconnect',
    });
  });
});

describe('a finished drain', () => {
  it('shows how it ended, its sessions as of then, and waits for nothing', () => {
    const forced: DrainRow = {
      ...stopping,
      phase: 'forced',
      activeSessions: 2,
      stopForced: true,
      endedAt: at(361),
      outcome: 'stopped by force at the deadline',
    };
    const liveness = { activeSessions: 0, lastSeenAt: at(400) };
    expect(view(forced, { liveness, relayPosition: 20n, seconds: 500 })).toMatchObject({
      id: '10',
      state: 'forced',
      activeSessions: 2,
      secondsLeft: null,
      waitingFor: null,
      endedAt: at(361),
      outcome: 'stopped by force at the deadline',
    });
  });
});
