import { decide, evolve, initialState, type OpenPool, type PoolCommand } from '@rollcall/domain';
import { configurePool, connectRunner, NOW } from '@rollcall/pool-commands/testing';
import { describe, expect, it } from 'vitest';
import { placesOfPool } from './places-of-pool';

function poolAfter(...commands: PoolCommand[]): OpenPool {
  const state = commands.reduce(
    (pool, command) => decide(command, pool).reduce(evolve, pool),
    initialState(),
  );
  if (state.status !== 'open') throw new Error('the commands did not open the pool');
  return state;
}

const runner = (runnerId: string, serverId: string, version: number, labels: Record<string, string> = {}) =>
  connectRunner('acme', 'web', { runnerId, serverId, version, labels });

const drain = (runnerId: string): PoolCommand => ({
  type: 'RequestDrain',
  data: {
    namespace: 'acme',
    pool: 'web',
    target: { by: 'runnerIds', runnerIds: [runnerId] },
    reason: 'operator',
  },
  metadata: { now: NOW, actor: 'alice' },
});

describe('placesOfPool', () => {
  const pool = poolAfter(
    configurePool('acme', 'web', { drainOnVersionUpgrade: false }),
    runner('a', 's2', 1, { workspace: 'green' }),
    runner('b', 's1', 1, { workspace: 'blue' }),
    runner('c', 's1', 3, { workspace: 'blue' }),
    runner('d', 's3', 2),
    runner('e', 's4', 4),
    runner('f', 's4', 5),
    drain('d'),
    drain('f'),
  );

  it('finds every server with a live runner, sorted, at the version its active runners run (the highest)', () => {
    expect([...placesOfPool(pool, { by: 'server' })]).toEqual([
      ['s1', 3],
      ['s2', 1],
      // Only draining runners left: the highest of those.
      ['s3', 2],
      // The draining v5 does not count while an active runner serves.
      ['s4', 4],
    ]);
  });

  it('finds label values, leaving out runners without the label', () => {
    expect([...placesOfPool(pool, { by: 'label', key: 'workspace' })]).toEqual([
      ['blue', 3],
      ['green', 1],
    ]);
  });

  it('leaves out runners that are stopping or gone', () => {
    const gone = poolAfter(runner('a', 's1', 1), {
      type: 'DisconnectRunner',
      data: { namespace: 'acme', pool: 'web', runnerId: 'a', reason: 'bye' },
      metadata: { now: NOW, actor: 'a' },
    });
    expect(placesOfPool(gone, { by: 'server' }).size).toBe(0);
  });
});
