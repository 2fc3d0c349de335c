import { PoolEvent } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { poolHistory } from './pool-history';

describe('poolHistory', () => {
  const history = poolHistory({
    namespace: 'acme',
    pool: 'web',
    runners: 3,
    transitions: 2,
    start: new Date('2026-01-01T00:00:00.000Z'),
  });
  const versions = [history.next().value, history.next().value, history.next().value];

  it('configures the pool, then connects and works the first version', () => {
    expect(versions[0]?.map((e) => e.type)).toEqual(['PoolConfigured']);
    expect(versions[1]?.map((e) => e.type)).toEqual([
      ...Array(3).fill('RunnerConnected'),
      ...Array(6).fill(expect.stringMatching(/^RunnerBecame(Busy|Idle)$/)),
    ]);
  });

  it("drains the previous version on the next one's first connect, and lets the drained runners go", () => {
    const types = versions[2]?.map((e) => e.type) ?? [];
    expect(types.slice(0, 4)).toEqual(['RunnerConnected', ...Array(3).fill('RunnerDrainRequested')]);
    expect(types.filter((t) => t === 'RunnerStopped')).toHaveLength(3);
    expect(types).toHaveLength(3 + 3 + 6 + 3);
  });

  it('yields events the contract accepts', () => {
    for (const event of versions.flat()) expect(PoolEvent.safeParse(event).success).toBe(true);
  });
});
