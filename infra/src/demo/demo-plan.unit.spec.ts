import type { PoolView, WorkerMapRow } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { demoArtifact, planDemo, serversServing } from './demo-plan';

const at = '2026-01-01T00:00:00.000Z';

function pool(catalog: { version: number; yanked?: boolean }[], inService: number[] = []): PoolView {
  const published = catalog.filter((entry) => entry.yanked !== true).map((entry) => entry.version);
  return {
    namespace: 'demo',
    pool: 'web',
    config: null,
    latestVersion: published.length === 0 ? null : Math.max(...published),
    draining: false,
    versionsInService: inService.map((version) => ({ version, runners: 1, draining: 0 })),
    catalog: catalog.map(({ version, yanked = false }) => ({
      version,
      build: `demo-${version}`,
      artifact: demoArtifact(version),
      digest: null,
      publishedAt: at,
      publishedBy: 'admin',
      yanked,
    })),
  };
}

function worker(runnerId: string, status: WorkerMapRow['status']): WorkerMapRow {
  return {
    runnerId,
    namespace: 'demo',
    pool: 'web',
    version: 1,
    build: null,
    serverId: 'server-a',
    labels: {},
    slots: 4,
    status,
    draining: false,
    available: status === 'active',
    activeSessions: 0,
    idleSince: at,
    startedAt: at,
    lastSeenAt: at,
    drain: null,
  };
}

describe('planDemo', () => {
  it('goes from 1 to 2 on a first run, publishing both', () => {
    expect(planDemo(undefined)).toEqual({ from: 1, publishFrom: true, to: 2 });
    expect(planDemo(pool([]))).toEqual({ from: 1, publishFrom: true, to: 2 });
  });

  it('starts a later run on the latest published version and rolls to the next', () => {
    expect(planDemo(pool([{ version: 1 }, { version: 2 }]))).toEqual({ from: 2, publishFrom: false, to: 3 });
  });

  it('publishes a fresh start version when newer ones were yanked or only claimed by runners', () => {
    expect(planDemo(pool([{ version: 1 }, { version: 2, yanked: true }]))).toEqual({
      from: 3,
      publishFrom: true,
      to: 4,
    });
    expect(planDemo(pool([{ version: 1 }], [1, 5]))).toEqual({ from: 6, publishFrom: true, to: 7 });
  });
});

describe('demoArtifact', () => {
  it('names an example-runner artifact per version, which the local launcher runs', () => {
    expect(demoArtifact(2)).toBe('example-runner:web-v2');
  });
});

describe('serversServing', () => {
  it('lists the servers whose own runner is connected and active, in server order', () => {
    const runnerIds = new Map([
      ['server-a', 'web-a'],
      ['server-b', 'web-b'],
      ['server-c', 'web-c'],
    ]);
    const workers = [worker('web-c', 'active'), worker('web-b', 'stopped'), worker('web-a', 'active')];
    expect(serversServing(workers, runnerIds)).toEqual(['server-a', 'server-c']);
    expect(serversServing([worker('someone-else', 'active')], runnerIds)).toEqual([]);
  });
});
