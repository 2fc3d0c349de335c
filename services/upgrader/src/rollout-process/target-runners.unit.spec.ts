import { describe, expect, it } from 'vitest';
import { connected, drained, lost, poolOf, stopped } from '../testing/pool-of';
import {
  launchPlaces,
  mayCountAsStarted,
  oldRunnersOf,
  startsPerServer,
  targetServers,
} from './target-runners';

describe('a pool with v1 runners a1, a2 on server-a (workspace acme), b1 on server-b (globex), a v2 runner a3', () => {
  const pool = poolOf(
    connected('a1', { serverId: 'server-a', labels: { workspace: 'acme' } }),
    connected('a2', { serverId: 'server-a', labels: { workspace: 'acme' } }),
    connected('b1', { serverId: 'server-b', labels: { workspace: 'globex' } }),
    connected('a3', { version: 2, serverId: 'server-a', labels: { workspace: 'acme' } }),
    connected('c1', { serverId: 'server-c' }),
    drained('c1'),
    connected('c2', { serverId: 'server-c' }),
    stopped('c2'),
  );
  const byServer = { by: 'server' } as const;
  const byWorkspace = { by: 'label', key: 'workspace' } as const;

  it("backs up a server target's active runners that are not on the rollout's version", () => {
    expect(oldRunnersOf(pool, byServer, 'server-a', 2).map((runner) => runner.runnerId)).toEqual([
      'a1',
      'a2',
    ]);
  });

  it('leaves draining and stopped runners out of the backup', () => {
    expect(oldRunnersOf(pool, byServer, 'server-c', 2)).toEqual([]);
  });

  it("backs up a label target's runners wherever they run", () => {
    expect(oldRunnersOf(pool, byWorkspace, 'globex', 2).map((runner) => runner.runnerId)).toEqual(['b1']);
  });

  it('starts one runner per old runner on its server, and at least one on a server target', () => {
    expect(startsPerServer(launchPlaces(pool, byServer, 'server-a', ['a1', 'a2']))).toEqual(
      new Map([['server-a', 2]]),
    );
    expect(launchPlaces(pool, byServer, 'server-c', [])).toEqual(['server-c']);
    expect(launchPlaces(pool, byWorkspace, 'globex', ['b1'])).toEqual(['server-b']);
  });

  it('has nowhere to start a label target with no runner the pool knows', () => {
    expect(launchPlaces(pool, byWorkspace, 'initech', [])).toEqual([]);
  });

  it('counts a running runner as started only while the pool has not heard of it or knows it active', () => {
    const gone = poolOf(connected('l1'), lost('l1'));
    expect(mayCountAsStarted(pool, 'a1')).toBe(true);
    expect(mayCountAsStarted(pool, 'not-connected-yet')).toBe(true);
    // Its process may linger after it announced its stop; it is not what serves the target.
    expect(mayCountAsStarted(pool, 'c2')).toBe(false);
    expect(mayCountAsStarted(pool, 'c1')).toBe(false);
    expect(mayCountAsStarted(gone, 'l1')).toBe(false);
  });

  it("looks for a target's runners on its server and wherever its known runners run", () => {
    expect(targetServers(pool, byServer, 'server-a', ['b1', 'ghost'])).toEqual(['server-a', 'server-b']);
    expect(targetServers(pool, byWorkspace, 'acme', ['a1', 'b1'])).toEqual(['server-a', 'server-b']);
  });
});
