import type { PoolCommand } from '@rollcall/domain';
import { PoolCommandError } from '@rollcall/domain';
import { useTestDatabase } from '@rollcall/testkit';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { CommandCause } from './command-cause';
import { poolCommandHandler } from './pool-command-handler';
import { registryMetrics } from './registry-metrics';
import { configurePool } from './testing/operator-commands';
import { poolEvents, summary } from './testing/registry-probes';

// appendBatch against a real log: two handlers on one database stand for two replicas, each with its own
// cache, so either can be behind the other.

const database = useTestDatabase();

function replica() {
  return poolCommandHandler({ db: database.db, metrics: registryMetrics(new Registry()) });
}

const at = new Date('2026-01-31T12:00:00.000Z');

function connect(namespace: string, pool: string, runnerId: string, version: number): PoolCommand {
  return {
    type: 'ConnectRunner',
    data: { namespace, pool, runnerId, version, serverId: 'host-1', slots: 1, labels: {} },
    metadata: { now: at, actor: `runner:${runnerId}` },
  };
}

function disconnect(namespace: string, pool: string, runnerId: string): PoolCommand {
  return {
    type: 'DisconnectRunner',
    data: { namespace, pool, runnerId, reason: 'bye' },
    metadata: { now: at, actor: `runner:${runnerId}` },
  };
}

function cause(key: string): CommandCause {
  return { key: `test|${key}`, causationId: key };
}

describe('appendBatch', () => {
  it("decides each pool's commands in order and appends them in one append per pool", async () => {
    const ns = 'order';
    await configurePool(database.db, { namespace: ns, pool: 'web' });
    await configurePool(database.db, { namespace: ns, pool: 'api' });
    const outcomes = await replica().appendBatch([
      { command: connect(ns, 'web', 'w1', 1), cause: cause('o1') },
      { command: connect(ns, 'api', 'a1', 1), cause: cause('o2') },
      { command: connect(ns, 'web', 'w2', 1), cause: cause('o3') },
      { command: connect(ns, 'web', 'w3', 2), cause: cause('o4') },
      { command: connect(ns, 'web', 'w2', 1), cause: cause('o5') },
      {
        command: {
          type: 'RequestStop',
          data: { namespace: ns, pool: 'web', runnerId: 'nobody', forced: true, reason: 'drain_deadline' },
          metadata: { now: at, actor: 'operator:test' },
        },
        cause: cause('o6'),
      },
    ]);

    expect(outcomes.map((o) => (o instanceof PoolCommandError ? o.name : o?.kind))).toEqual([
      'appended',
      'appended',
      'appended',
      'appended',
      'unchanged',
      'RunnerNotFoundError',
    ]);
    const web = await poolEvents(database.db, ns, 'web');
    expect(summary(web)).toEqual([
      'PoolConfigured',
      'RunnerConnected w1',
      'RunnerConnected w2',
      'RunnerConnected w3',
      'RunnerDrainRequested w1',
      'RunnerDrainRequested w2',
    ]);
    // One append: the batch's events share a transaction, and a newer connect's drains are in it.
    expect(new Set(web.slice(1).map((e) => e.transactionId)).size).toBe(1);
    const w3 = outcomes[3];
    expect(w3 !== undefined && !(w3 instanceof Error) && w3.events.map((e) => e.type)).toEqual([
      'RunnerConnected',
      'RunnerDrainRequested',
      'RunnerDrainRequested',
    ]);
    expect(summary(await poolEvents(database.db, ns, 'api'))).toEqual([
      'PoolConfigured',
      'RunnerConnected a1',
    ]);
  });

  it('leaves to handle what the batch cannot settle: a stale cache, a cause handled before, a bare no-op', async () => {
    const ns = 'leftover';
    await configurePool(database.db, { namespace: ns, pool: 'web' });
    const mine = replica();
    const other = replica();
    await mine.appendBatch([{ command: connect(ns, 'web', 'w1', 1), cause: cause('l1') }]);
    // Another replica moves the pool: this replica's cached state is now behind.
    await other.handle(connect(ns, 'web', 'w2', 1), cause('l2'));

    const stale = await mine.appendBatch([{ command: connect(ns, 'web', 'w3', 1), cause: cause('l3') }]);
    expect(stale).toEqual([undefined]);
    expect((await mine.handle(connect(ns, 'web', 'w3', 1), cause('l3'))).kind).toBe('appended');

    // The same cause again, decided on a caught-up state: nothing to append, nothing to vouch for it.
    const repeat = await mine.appendBatch([{ command: connect(ns, 'web', 'w3', 1), cause: cause('l3') }]);
    expect(repeat).toEqual([undefined]);
    expect((await mine.handle(connect(ns, 'web', 'w3', 1), cause('l3'))).kind).toBe('unchanged');

    // A cause whose events are stored, decided differently now: its ids give it away.
    const handledBefore = await other.appendBatch([
      { command: disconnect(ns, 'web', 'w1'), cause: cause('l1') },
    ]);
    expect(handledBefore).toEqual([undefined]);
    expect((await other.handle(disconnect(ns, 'web', 'w1'), cause('l1'))).kind).toBe('duplicate');
    expect(summary(await poolEvents(database.db, ns, 'web'))).toEqual([
      'PoolConfigured',
      'RunnerConnected w1',
      'RunnerConnected w2',
      'RunnerConnected w3',
    ]);
  });
});
