import { IDENTIFIER_PATTERN } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { FleetSimulationSettings } from './fleet-simulation-settings';
import { nextSessions } from './next-sessions';
import { planFleet } from './plan-fleet';

const constant = (value: number) => () => value;

describe('FleetSimulationSettings', () => {
  it('fills the defaults', () => {
    expect(FleetSimulationSettings.parse({ runners: 20, pools: 2 })).toEqual({
      namespace: 'sim',
      runners: 20,
      pools: 2,
      versions: [1, 2],
      slots: 4,
      heartbeatMs: 5000,
      bumpAfterSeconds: 10,
    });
  });

  it('refuses more pools than runners, and versions out of order', () => {
    const pools = FleetSimulationSettings.safeParse({ runners: 2, pools: 3 });
    expect(pools.error?.issues.map((issue) => issue.path)).toEqual([['pools']]);
    const versions = FleetSimulationSettings.safeParse({ runners: 2, pools: 1, versions: [2, 2] });
    expect(versions.error?.issues[0]?.message).toBe('must be ascending without repeats, e.g. 1,2');
  });
});

describe('planFleet', () => {
  const settings = FleetSimulationSettings.parse({ runners: 5, pools: 2, servers: 3, versions: [41, 42] });
  const [first, second] = planFleet(settings);

  it('plans the runners of each version, spread round robin over pools and servers', () => {
    expect(first?.map(({ runnerId, pool, serverId }) => [runnerId, pool, serverId])).toEqual([
      ['pool-1-v41-r1', 'pool-1', 'server-1'],
      ['pool-2-v41-r2', 'pool-2', 'server-2'],
      ['pool-1-v41-r3', 'pool-1', 'server-3'],
      ['pool-2-v41-r4', 'pool-2', 'server-1'],
      ['pool-1-v41-r5', 'pool-1', 'server-2'],
    ]);
  });

  it('starts each newer runner beside the one it replaces', () => {
    expect(second?.map(({ pool, serverId }) => [pool, serverId])).toEqual(
      first?.map(({ pool, serverId }) => [pool, serverId]),
    );
    expect(second?.every((runner) => runner.version === 42)).toBe(true);
  });

  it('makes ids that are valid, unique identifiers', () => {
    const big = planFleet(
      FleetSimulationSettings.parse({ runners: 1000, pools: 100, versions: [2147483646, 2147483647] }),
    ).flat();
    expect(new Set(big.map((runner) => runner.runnerId)).size).toBe(2000);
    expect(big.every((runner) => IDENTIFIER_PATTERN.test(runner.runnerId))).toBe(true);
  });

  it('defaults to one server per 10 runners', () => {
    const servers = new Set(
      planFleet(FleetSimulationSettings.parse({ runners: 25, pools: 1 }))[0]?.map(
        (runner) => runner.serverId,
      ),
    );
    expect(servers.size).toBe(3);
  });
});

describe('nextSessions', () => {
  it('walks one step within [0, slots] while taking sessions', () => {
    expect(nextSessions(2, 4, false, constant(0.1))).toBe(1);
    expect(nextSessions(2, 4, false, constant(0.5))).toBe(2);
    expect(nextSessions(2, 4, false, constant(0.9))).toBe(3);
    expect(nextSessions(4, 4, false, constant(0.9))).toBe(4);
    expect(nextSessions(0, 4, false, constant(0.1))).toBe(0);
  });

  it('only winds down while draining, and stays at 0', () => {
    expect(nextSessions(3, 4, true, constant(0.1))).toBe(2);
    expect(nextSessions(3, 4, true, constant(0.9))).toBe(3);
    expect(nextSessions(0, 4, true, constant(0.1))).toBe(0);
  });
});
