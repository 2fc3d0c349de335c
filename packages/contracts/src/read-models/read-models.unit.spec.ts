import { describe, expect, it } from 'vitest';
import { PoolView } from './pool-view';
import { WorkerMapRow } from './worker-map-row';

const row: WorkerMapRow = {
  runnerId: 'web-1',
  namespace: 'acme',
  pool: 'web',
  version: 42,
  build: 'abc',
  serverId: 'host-1',
  labels: { workspace: 'acme' },
  slots: 4,
  status: 'draining',
  draining: true,
  available: false,
  activeSessions: 2,
  idleSince: null,
  startedAt: '2026-01-31T12:00:00.000Z',
  lastSeenAt: '2026-01-31T12:05:00.000Z',
  drain: {
    reason: 'version_upgrade',
    supersededBy: 43,
    requestedAt: '2026-01-31T12:04:00.000Z',
    deadline: '2026-01-31T12:19:00.000Z',
    requestedBy: 'rollcall',
  },
};

describe('WorkerMapRow', () => {
  it('parses the contract row', () => {
    expect(WorkerMapRow.parse(row)).toEqual(row);
  });

  it('rejects a status outside the list', () => {
    expect(WorkerMapRow.safeParse({ ...row, status: 'gone' }).success).toBe(false);
  });

  it('wants drain.supersededBy present, null when no version superseded the runner', () => {
    const { supersededBy: _omitted, ...drain } = row.drain ?? { supersededBy: 0 };
    expect(WorkerMapRow.safeParse({ ...row, drain }).success).toBe(false);
    expect(WorkerMapRow.safeParse({ ...row, drain: { ...drain, supersededBy: null } }).success).toBe(true);
  });
});

describe('PoolView', () => {
  it('parses a configured pool with two versions in service', () => {
    const view: PoolView = {
      namespace: 'acme',
      pool: 'web',
      config: {
        drainOnVersionUpgrade: true,
        drainTimeoutSeconds: 900,
        autoUpgrade: false,
        maxVersionStep: 10,
      },
      latestVersion: 43,
      draining: true,
      versionsInService: [
        { version: 42, runners: 2, draining: 2 },
        { version: 43, runners: 1, draining: 0 },
      ],
      catalog: [],
    };
    expect(PoolView.parse(view)).toEqual(view);
  });
});
