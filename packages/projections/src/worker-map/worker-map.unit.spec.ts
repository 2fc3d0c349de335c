import {
  secondsAfterNow as at,
  drainRequested,
  EARLIER,
  NAMESPACE,
  POOL,
  poolConfigured,
  runnerBecameBusy,
  runnerBecameIdle,
  runnerConnected,
  runnerLost,
  runnerStopped,
  runnerUndrained,
  stopRequested,
  supersededAtNow,
  versionPublished,
} from '@rollcall/domain/testing';
import { describe, expect, it } from 'vitest';
import { ProjectionSpecification } from '../testing/projection-specification';
import { evolveWorkerRow, workerMapEventTypes } from './evolve-worker-row';
import { workerKeyOf } from './fold-worker-events';
import { type WorkerRow, workerKey } from './worker-row';

const spec = ProjectionSpecification.for<WorkerRow>({
  evolve: evolveWorkerRow,
  keyOf: workerKeyOf,
  rowKey: workerKey,
});

/** The row `runnerConnected({runnerId, version: 1})` registers at `position`, with overrides. */
function row(runnerId: string, position: bigint, overrides: Partial<WorkerRow> = {}): WorkerRow {
  return {
    namespace: NAMESPACE,
    runnerId,
    pool: POOL,
    version: 1,
    build: null,
    serverId: 'server-1',
    labels: {},
    slots: 1,
    status: 'active',
    activeSessions: 0,
    idleSince: EARLIER,
    startedAt: EARLIER,
    lastSeenAt: EARLIER,
    drain: null,
    updatedPosition: position,
    ...overrides,
  };
}

/** The drain `supersededAtNow(runnerId, 2)` records. */
const upgradeDrain = {
  reason: 'version_upgrade',
  supersededBy: 2,
  requestedAt: at(0),
  deadline: at(300),
  requestedBy: 'rollcall',
} as const;

describe('worker map', () => {
  it('handles the runner lifecycle events, and no pool-level event', () => {
    expect(workerMapEventTypes).not.toContain('PoolConfigured');
    expect(workerMapEventTypes).not.toContain('VersionClaimRefused');
    expect(workerMapEventTypes).toContain('RunnerLost');
  });

  describe('empty', () => {
    it('registers a connected runner as active and idle since it connected', () => {
      spec([])
        .when([runnerConnected({ runnerId: 'w1', version: 1, labels: { zone: 'a' } })])
        .then([row('w1', 1n, { labels: { zone: 'a' } })]);
    });

    it('keeps the build a runner connects with (null without one)', () => {
      spec([])
        .when([runnerConnected({ runnerId: 'w1', version: 1, build: 'b1' })])
        .then([row('w1', 1n, { build: 'b1' })]);
    });

    it('spells timestamps one way (UTC, milliseconds), as Postgres gives them back', () => {
      spec([])
        .when([runnerConnected({ runnerId: 'w1', version: 1, connectedAt: '2026-03-01T13:00:00+02:00' })])
        .then([row('w1', 1n)]);
    });

    it('gets no row from events about a runner it never saw', () => {
      spec([])
        .when([
          supersededAtNow('ghost', 2),
          runnerBecameBusy('ghost', 1, at(30)),
          runnerStopped('ghost', 'bye', at(130)),
        ])
        .then([]);
    });

    it('gets no row from pool-level events', () => {
      spec([])
        .when([poolConfigured(), versionPublished({ version: 3 })])
        .then([]);
    });
  });

  describe('an active runner', () => {
    const given = [runnerConnected({ runnerId: 'w1', version: 1 })];

    it('records busy and idle transitions', () => {
      spec(given)
        .when([runnerBecameBusy('w1', 2, at(30))])
        .then([row('w1', 2n, { activeSessions: 2, idleSince: null, lastSeenAt: at(30) })]);
      spec(given)
        .when([runnerBecameBusy('w1', 2, at(30)), runnerBecameIdle('w1', at(45))])
        .then([row('w1', 3n, { activeSessions: 0, idleSince: at(45), lastSeenAt: at(45) })]);
    });

    it('records a drain: status draining, the drain named', () => {
      spec(given)
        .when([supersededAtNow('w1', 2)])
        .then([row('w1', 2n, { status: 'draining', drain: upgradeDrain })]);
    });

    it('records an operator drain with supersededBy null', () => {
      const { supersededBy: _none, ...operator } = drainRequested({
        runnerId: 'w1',
        reason: 'operator',
        requestedBy: 'alice',
      }).data;
      spec(given)
        .when([{ type: 'RunnerDrainRequested', data: operator }])
        .then([
          row('w1', 2n, {
            status: 'draining',
            drain: {
              reason: 'operator',
              supersededBy: null,
              requestedAt: EARLIER,
              deadline: at(60),
              requestedBy: 'alice',
            },
          }),
        ]);
    });

    it('marks it lost, keeping the later of its last signs of life', () => {
      spec(given)
        .when([runnerLost('w1', at(20), at(200))])
        .then([row('w1', 2n, { status: 'lost', lastSeenAt: at(20) })]);
    });

    it('ignores an event of another pool about the same runner id (the runner moved)', () => {
      const other = {
        ...supersededAtNow('w1', 2),
        data: { ...supersededAtNow('w1', 2).data, pool: 'api' },
      };
      spec(given)
        .when([other])
        .then([row('w1', 1n)]);
    });

    it('ignores an event at or below the position it already folded', () => {
      const folded = row('w1', 5n);
      expect(evolveWorkerRow(folded, supersededAtNow('w1', 2), 5n)).toBe(folded);
      expect(evolveWorkerRow(folded, supersededAtNow('w1', 2), 4n)).toBe(folded);
      expect(evolveWorkerRow(folded, supersededAtNow('w1', 2), 6n)?.status).toBe('draining');
    });
  });

  describe('a draining runner', () => {
    const given = [runnerConnected({ runnerId: 'w1', version: 1 }), supersededAtNow('w1', 2)];

    it('is active again after an undrain, its drain gone', () => {
      spec(given)
        .when([runnerUndrained('w1', at(90))])
        .then([row('w1', 3n)]);
    });

    it('is stopping after a stop request, its drain kept', () => {
      spec(given)
        .when([stopRequested({ runnerId: 'w1', requestedAt: at(120) })])
        .then([row('w1', 3n, { status: 'stopping', drain: upgradeDrain })]);
    });

    it('is stopped after it disconnects, and the row is kept', () => {
      spec(given)
        .when([stopRequested({ runnerId: 'w1', requestedAt: at(120) }), runnerStopped('w1', 'bye', at(130))])
        .then([row('w1', 4n, { status: 'stopped', drain: upgradeDrain, lastSeenAt: at(130) })]);
    });

    it('records the latest drain when drained again', () => {
      spec(given)
        .when([
          drainRequested({
            runnerId: 'w1',
            reason: 'server_drain',
            supersededBy: undefined,
            requestedBy: 'alice',
          }),
        ])
        .then([
          row('w1', 3n, {
            status: 'draining',
            drain: {
              reason: 'server_drain',
              supersededBy: null,
              requestedAt: EARLIER,
              deadline: at(60),
              requestedBy: 'alice',
            },
          }),
        ]);
    });

    it('is registered afresh when it connects with a new version', () => {
      spec(given)
        .when([runnerConnected({ runnerId: 'w1', version: 2, connectedAt: at(100) })])
        .then([row('w1', 3n, { version: 2, idleSince: at(100), startedAt: at(100), lastSeenAt: at(100) })]);
    });
  });

  describe('a stopped runner', () => {
    const given = [runnerConnected({ runnerId: 'w1', version: 1 }), runnerStopped('w1', 'bye', at(130))];
    const stopped = row('w1', 2n, { status: 'stopped', lastSeenAt: at(130) });

    it('cannot be drained, undrained or stopped again', () => {
      spec(given)
        .when([
          supersededAtNow('w1', 2),
          runnerUndrained('w1', at(90)),
          stopRequested({ runnerId: 'w1', requestedAt: at(120) }),
        ])
        .then([stopped]);
    });

    it('is active again when it reconnects', () => {
      spec(given)
        .when([runnerConnected({ runnerId: 'w1', version: 1, connectedAt: at(300) })])
        .then([row('w1', 3n, { idleSince: at(300), startedAt: at(300), lastSeenAt: at(300) })]);
    });
  });

  describe('a pool upgraded from v1 to v2 (one append: the connect and its drains)', () => {
    it('shows the v1 runners draining, superseded by 2, and the v2 runner available', () => {
      const given = [
        poolConfigured(),
        runnerConnected({ runnerId: 'a', version: 1 }),
        runnerConnected({ runnerId: 'b', version: 1 }),
      ];
      spec(given)
        .when([
          runnerConnected({ runnerId: 'c', version: 2, connectedAt: at(60) }),
          supersededAtNow('a', 2),
          supersededAtNow('b', 2),
        ])
        .then([
          row('a', 5n, { status: 'draining', drain: upgradeDrain }),
          row('b', 6n, { status: 'draining', drain: upgradeDrain }),
          row('c', 4n, { version: 2, idleSince: at(60), startedAt: at(60), lastSeenAt: at(60) }),
        ]);
    });
  });
});
