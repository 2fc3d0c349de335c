import type { PoolView, WorkerMapRow } from '@rollcall/contracts';
import { toLogEntry } from '@rollcall/contracts';
import type { RecordedEvent } from '@rollcall/eventlog';
import { describe, expect, it } from 'vitest';
import { fleetSummary } from './fleet-summary';
import { formatEventLine } from './format-event-line';
import { formatFleetReport, formatFleetStatsLine } from './format-fleet-stats';
import { poolsTable } from './pools-table';
import { workersSummary, workersTable } from './workers-table';

const event: RecordedEvent = {
  globalPosition: 42n,
  transactionId: 900n,
  eventId: '6f1c2a0e-0000-4000-8000-000000000001',
  streamName: 'pool-acme+web',
  streamVersion: 3n,
  type: 'RunnerConnected',
  schemaVersion: 1,
  data: { runnerId: 'web-1', version: 43 },
  metadata: { actor: 'rollcall' },
  recordedAt: new Date('2026-01-31T12:00:00.000Z'),
};

const worker: WorkerMapRow = {
  runnerId: 'web-1',
  namespace: 'acme',
  pool: 'web',
  version: 42,
  build: 'abc',
  serverId: 'host-1',
  labels: {},
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

describe('event output', () => {
  it('prints one line: position, stream@version, type, data', () => {
    expect(formatEventLine(event)).toBe(
      `      42  ${'pool-acme+web@3'.padEnd(28)}  ${'RunnerConnected'.padEnd(22)}  {"runnerId":"web-1","version":43}`,
    );
  });

  it('cuts long data to a glance', () => {
    const line = formatEventLine({ ...event, data: { blob: 'x'.repeat(500) } });
    expect(line.endsWith('…')).toBe(true);
    expect(line.length).toBeLessThan(200);
  });

  it('writes the API log entry shape for --json, positions as decimal strings', () => {
    expect(toLogEntry(event)).toEqual({
      position: '42',
      stream: 'pool-acme+web',
      streamVersion: '3',
      type: 'RunnerConnected',
      data: { runnerId: 'web-1', version: 43 },
      metadata: { actor: 'rollcall' },
      recordedAt: '2026-01-31T12:00:00.000Z',
    });
  });
});

describe('worker and pool tables', () => {
  it('shows a runner per line with its drain', () => {
    const [head, row, ...rest] = workersTable([worker]).split('\n');
    expect(rest).toEqual([]);
    expect(head).toMatch(
      /^RUNNER\s+POOL\s+VERSION\s+SERVER\s+STATUS\s+AVAILABLE\s+SESSIONS\s+LAST SEEN\s+DRAIN$/,
    );
    expect(row).toMatch(
      /^web-1\s+web\s+v42\s+host-1\s+draining\s+no\s+2\/4\s+2026-01-31 12:05:00Z\s+version_upgrade by v43, deadline 2026-01-31 12:19:00Z$/,
    );
  });

  it('prints an empty cell as -', () => {
    const row = workersTable([{ ...worker, drain: null, status: 'active', available: true }]).split('\n')[1];
    expect(row).toMatch(/\s+yes\s+2\/4\s+2026-01-31 12:05:00Z\s+-$/);
  });

  it('sums up workers', () => {
    expect(workersSummary([worker, { ...worker, runnerId: 'web-2', available: true }])).toBe(
      '2 workers, 1 available',
    );
  });

  it('shows pools with config and versions in service', () => {
    const pool: PoolView = {
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
    const unconfigured: PoolView = {
      ...pool,
      pool: 'batch',
      config: null,
      latestVersion: null,
      draining: false,
    };
    const lines = poolsTable([pool, { ...unconfigured, versionsInService: [] }]).split('\n');
    expect(lines[1]).toMatch(/^web\s+yes\s+900 s\s+no\s+v43\s+v42: 2 \(2 draining\), v43: 1\s+yes$/);
    expect(lines[2]).toMatch(/^batch\s+unconfigured\s+-\s+-\s+-\s+-\s+no$/);
  });

  it('summarises a fleet by pool and version, leaving gone runners out', () => {
    expect(
      fleetSummary([
        worker,
        { ...worker, runnerId: 'web-2' },
        { ...worker, runnerId: 'web-3', version: 43, draining: false, status: 'active' },
        { ...worker, runnerId: 'web-0', version: 41, status: 'stopped' },
        { ...worker, runnerId: 'api-1', pool: 'api', version: 7, draining: false, status: 'active' },
      ]),
    ).toEqual(['api: v7 x1', 'web: v42 x2 (2 draining), v43 x1']);
  });
});

describe('simulation summary', () => {
  const stats = {
    runId: 'ab12cd34',
    elapsedMs: 12_345,
    runners: { active: 4, draining: 2, disconnected: 1 },
    sessions: 9,
    versions: [
      { version: 1, live: 2, draining: 2 },
      { version: 2, live: 4, draining: 0 },
    ],
    sent: { connected: 7, heartbeat: 1200, disconnected: 1 },
    received: { drain: 2, stop: 1, undrain: 0, invalid: 0 },
  };

  it('has a one-line live form', () => {
    expect(formatFleetStatsLine(stats)).toBe(
      '12.35 s | runners 4 active, 2 draining, 1 gone | sessions 9 | v1 2 (2 draining), v2 4 | sent 1,208 msgs | commands 2 drain, 1 stop',
    );
  });

  it('has a final report', () => {
    expect(formatFleetReport(stats)).toEqual([
      'simulation ab12cd34 ended after 12.35 s',
      'runners: 4 active, 2 draining, 1 disconnected',
      'sent: 7 connected, 1,200 heartbeat, 1 disconnected',
      'received: 2 drain, 1 stop, 0 undrain, 0 invalid',
    ]);
  });
});
