import type { PoolEvent } from '@rollcall/contracts';
import {
  secondsAfterNow as at,
  drainRequested,
  EARLIER,
  NAMESPACE,
  POOL,
  runnerBecameBusy,
  runnerBecameIdle,
  runnerConnected,
  runnerLost,
  runnerStopped,
  runnerUndrained,
  stopRequested,
  supersededAtNow,
} from '@rollcall/domain/testing';
import { describe, expect, it } from 'vitest';
import type { DrainRow } from './drain-row';
import { foldDrainEvents } from './fold-drain-events';

/**
 * Given/When/Then over the drains fold: `given` then `when` are folded at positions 1, 2, 3, ...; `then`
 * checks every drain row the folds produced (ended ones included), folds `when` again at the same
 * positions (a redelivered batch) and checks nothing moved.
 */
function given(history: readonly PoolEvent[]) {
  return {
    when: (events: readonly PoolEvent[]) => ({
      // biome-ignore lint/suspicious/noThenProperty: Emmett's Given/When/Then names; a spec is never awaited.
      then: (expected: readonly DrainRow[]) => {
        const state = { latest: new Map<string, DrainRow | null>(), runners: new Map() };
        const rows = new Map<bigint, DrainRow>();
        const positioned = (list: readonly PoolEvent[], from: number) =>
          list.map((event, i) => ({ event, position: BigInt(from + i) }));
        foldDrainEvents(state, positioned(history, 1), rows);
        const whenFrom = history.length + 1;
        foldDrainEvents(state, positioned(events, whenFrom), rows);
        const sorted = () => [...rows.values()].sort((a, b) => Number(a.id - b.id));
        expect(sorted()).toEqual(expected);
        const again = foldDrainEvents(state, positioned(events, whenFrom));
        expect(again.size, 'folding `when` again changed rows').toBe(0);
      },
    }),
  };
}

/** The row an operator drain of `runnerId` (v1 on server-1) at `id` starts, with overrides. */
function drain(runnerId: string, id: bigint, overrides: Partial<DrainRow> = {}): DrainRow {
  return {
    id,
    namespace: NAMESPACE,
    runnerId,
    pool: POOL,
    version: 1,
    serverId: 'server-1',
    reason: 'operator',
    supersededBy: null,
    requestedBy: 'alice',
    requestedAt: at(60),
    deadline: at(360),
    phase: 'draining',
    noticePosition: id,
    activeSessions: 0,
    sessionsAt: EARLIER,
    stopRequestedAt: null,
    stopForced: false,
    stopReason: null,
    stopPosition: null,
    endedAt: null,
    outcome: null,
    updatedPosition: id,
    ...overrides,
  };
}

const operatorDrain = (runnerId: string, overrides: Partial<Parameters<typeof drainRequested>[0]> = {}) =>
  drainRequested({
    runnerId,
    reason: 'operator',
    supersededBy: undefined,
    requestedBy: 'alice',
    requestedAt: at(60),
    deadline: at(360),
    ...overrides,
  });

const v1 = runnerConnected({ runnerId: 'web-1', version: 1 });

describe('a runner that was never drained', () => {
  it('has no drain, whatever it does', () => {
    given([v1])
      .when([
        runnerBecameBusy('web-1', 2, at(30)),
        runnerBecameIdle('web-1', at(45)),
        runnerStopped('web-1', 'bye', at(130)),
      ])
      .then([]);
  });

  it('gets no drain from a drain request of a runner nobody registered, or registered in another pool', () => {
    const elsewhere = runnerConnected({ runnerId: 'web-2', version: 1, pool: 'api' });
    given([elsewhere])
      .when([operatorDrain('ghost'), operatorDrain('web-2')])
      .then([]);
  });
});

describe('a drain request', () => {
  it('starts a drain described by the runner as it was registered then', () => {
    const later = runnerConnected({ runnerId: 'web-1', version: 2, serverId: 'server-9' });
    given([runnerConnected({ runnerId: 'web-1', version: 1, serverId: 'server-7' })])
      .when([
        operatorDrain('web-1'),
        runnerBecameIdle('web-1', at(100)),
        runnerStopped('web-1', 'bye', at(110)),
        later,
      ])
      .then([
        drain('web-1', 2n, {
          serverId: 'server-7',
          sessionsAt: at(100),
          phase: 'stopped',
          endedAt: at(110),
          outcome: 'disconnected on its own while draining (runner said: bye)',
          updatedPosition: 4n,
        }),
      ]);
  });

  it('starts with the sessions the runner held', () => {
    given([v1, runnerBecameBusy('web-1', 2, at(30)), runnerBecameBusy('web-1', 3, at(40))])
      .when([operatorDrain('web-1')])
      .then([drain('web-1', 4n, { activeSessions: 3, sessionsAt: at(40) })]);
  });

  it('keeps what superseded the runner and when it is due', () => {
    given([v1])
      .when([supersededAtNow('web-1', 2)])
      .then([
        drain('web-1', 2n, {
          reason: 'version_upgrade',
          supersededBy: 2,
          requestedBy: 'rollcall',
          requestedAt: at(0),
          deadline: at(300),
        }),
      ]);
  });
});

describe('a runner draining', () => {
  const draining = [v1, operatorDrain('web-1')];

  it('counts its sessions from the busy/idle transitions', () => {
    given(draining)
      .when([runnerBecameBusy('web-1', 3, at(70))])
      .then([drain('web-1', 2n, { activeSessions: 3, sessionsAt: at(70), updatedPosition: 3n })]);
    given([...draining, runnerBecameBusy('web-1', 3, at(70))])
      .when([runnerBecameIdle('web-1', at(80))])
      .then([drain('web-1', 2n, { activeSessions: 0, sessionsAt: at(80), updatedPosition: 4n })]);
  });

  it('is stopping once its stop is requested', () => {
    given(draining)
      .when([stopRequested({ runnerId: 'web-1', requestedAt: at(120) })])
      .then([
        drain('web-1', 2n, {
          phase: 'stopping',
          stopRequestedAt: at(120),
          stopReason: 'drain_complete',
          stopPosition: 3n,
          updatedPosition: 3n,
        }),
      ]);
  });

  it('ends undrained when an operator cancels it, and a later drain is a new row', () => {
    given(draining)
      .when([
        runnerUndrained('web-1', at(90)),
        operatorDrain('web-1', { requestedBy: 'bob', requestedAt: at(95) }),
      ])
      .then([
        drain('web-1', 2n, {
          phase: 'undrained',
          endedAt: at(90),
          outcome: 'undrained by alice@acme',
          updatedPosition: 3n,
        }),
        drain('web-1', 4n, { requestedBy: 'bob', requestedAt: at(95) }),
      ]);
  });

  it('ignores what happens to the same runner id in another pool', () => {
    const other = { pool: 'api' };
    given(draining)
      .when([
        { type: 'RunnerBecameBusy', data: { ...runnerBecameBusy('web-1', 5, at(30)).data, ...other } },
        { type: 'RunnerStopped', data: { ...runnerStopped('web-1', 'bye', at(130)).data, ...other } },
      ])
      .then([drain('web-1', 2n)]);
  });

  it('keeps its drain when the same incarnation registers again, and is told again', () => {
    const moved = runnerConnected({
      runnerId: 'web-1',
      version: 1,
      serverId: 'server-2',
      connectedAt: at(130),
    });
    given([...draining, stopRequested({ runnerId: 'web-1', requestedAt: at(120) })])
      .when([moved, operatorDrain('web-1')])
      .then([
        drain('web-1', 2n, {
          serverId: 'server-2',
          sessionsAt: at(130),
          noticePosition: 5n,
          updatedPosition: 5n,
        }),
      ]);
  });

  it('ends when another version, or a registration in another pool, takes the runner id', () => {
    given(draining)
      .when([runnerConnected({ runnerId: 'web-1', version: 3, connectedAt: at(150) })])
      .then([
        drain('web-1', 2n, {
          phase: 'stopped',
          endedAt: at(150),
          outcome: 're-registered as version 3',
          updatedPosition: 3n,
        }),
      ]);
    given(draining)
      .when([runnerConnected({ runnerId: 'web-1', version: 1, pool: 'api', connectedAt: at(150) })])
      .then([
        drain('web-1', 2n, {
          phase: 'stopped',
          endedAt: at(150),
          outcome: 're-registered in pool api',
          updatedPosition: 3n,
        }),
      ]);
  });

  it('ends lost when its heartbeats stop', () => {
    given(draining)
      .when([runnerLost('web-1', at(100), at(200))])
      .then([
        drain('web-1', 2n, {
          phase: 'lost',
          endedAt: at(200),
          outcome: 'lost: its heartbeats stopped',
          updatedPosition: 3n,
        }),
      ]);
  });
});

describe('a runner stopping', () => {
  const forcedStop: PoolEvent = {
    type: 'RunnerStopRequested',
    data: {
      ...stopRequested({ runnerId: 'web-1', requestedAt: at(360) }).data,
      forced: true,
      reason: 'drain_deadline',
    },
  };
  const stopping = [v1, operatorDrain('web-1'), runnerBecameBusy('web-1', 2, at(70))];

  it('ends stopped once it disconnects after a graceful stop', () => {
    given([
      ...stopping,
      runnerBecameIdle('web-1', at(100)),
      stopRequested({ runnerId: 'web-1', requestedAt: at(101) }),
    ])
      .when([runnerStopped('web-1', 'bye', at(105))])
      .then([
        drain('web-1', 2n, {
          phase: 'stopped',
          sessionsAt: at(100),
          stopRequestedAt: at(101),
          stopReason: 'drain_complete',
          stopPosition: 5n,
          endedAt: at(105),
          outcome: 'stopped once idle (runner said: bye)',
          updatedPosition: 6n,
        }),
      ]);
  });

  it('ends forced once it disconnects after a forced stop', () => {
    given([...stopping, forcedStop])
      .when([runnerStopped('web-1', 'bye', at(361))])
      .then([
        drain('web-1', 2n, {
          phase: 'forced',
          activeSessions: 2,
          sessionsAt: at(70),
          stopRequestedAt: at(360),
          stopForced: true,
          stopReason: 'drain_deadline',
          stopPosition: 4n,
          endedAt: at(361),
          outcome: 'stopped by force at the deadline (runner said: bye)',
          updatedPosition: 5n,
        }),
      ]);
  });

  it('ends lost when it does not disconnect within the grace period', () => {
    const timedOut: PoolEvent = {
      type: 'RunnerLost',
      data: { ...runnerLost('web-1', at(300), at(400)).data, reason: 'stop_timeout' },
    };
    given([...stopping, forcedStop])
      .when([timedOut])
      .then([
        drain('web-1', 2n, {
          phase: 'lost',
          activeSessions: 2,
          sessionsAt: at(70),
          stopRequestedAt: at(360),
          stopForced: true,
          stopReason: 'drain_deadline',
          stopPosition: 4n,
          endedAt: at(400),
          outcome: 'lost: it did not disconnect within the stop grace period',
          updatedPosition: 5n,
        }),
      ]);
  });

  it('can no longer be undrained', () => {
    given([...stopping, forcedStop])
      .when([runnerUndrained('web-1', at(365))])
      .then([
        drain('web-1', 2n, {
          phase: 'stopping',
          activeSessions: 2,
          sessionsAt: at(70),
          stopRequestedAt: at(360),
          stopForced: true,
          stopReason: 'drain_deadline',
          stopPosition: 4n,
          updatedPosition: 4n,
        }),
      ]);
  });
});
