import type { PoolCommand } from '@rollcall/domain';
import { useTestDatabase } from '@rollcall/testkit';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { CommandCause } from './command-cause';
import { poolCommandHandler } from './pool-command-handler';
import { registryMetrics } from './registry-metrics';
import { configurePool } from './testing/operator-commands';
import { poolEvents, summary } from './testing/registry-probes';

// Two handlers on one database stand for two registry replicas (or one before and after a restart):
// each has its own cache, so each can be behind the other.

const database = useTestDatabase();

function replica() {
  const metrics = registryMetrics(new Registry());
  return { metrics, commands: poolCommandHandler({ db: database.db, metrics }) };
}

function connect(namespace: string, runnerId: string, version: number): PoolCommand {
  return {
    type: 'ConnectRunner',
    data: { namespace, pool: 'web', runnerId, version, serverId: 'host-1', slots: 1, labels: {} },
    metadata: { now: new Date('2026-01-31T12:00:00.000Z'), actor: `runner:${runnerId}` },
  };
}

function disconnect(namespace: string, runnerId: string): PoolCommand {
  return {
    type: 'DisconnectRunner',
    data: { namespace, pool: 'web', runnerId, reason: 'bye' },
    metadata: { now: new Date('2026-01-31T12:01:00.000Z'), actor: `runner:${runnerId}` },
  };
}

function cause(key: string): CommandCause {
  return { key: `test|${key}`, causationId: key };
}

describe('poolCommandHandler', () => {
  it('retries an append that met a concurrent writer, deciding again on the fresh state', async () => {
    const ns = 'occ';
    await configurePool(database.db, { namespace: ns, pool: 'web' });
    const a = replica();
    const b = replica();
    await b.commands.handle(connect(ns, 'r-1', 1), cause('occ-1'));
    // A appends behind B's back: B's cache no longer holds the stream's version.
    await a.commands.handle(connect(ns, 'r-2', 1), cause('occ-2'));

    const outcome = await b.commands.handle(connect(ns, 'r-3', 2), cause('occ-3'));

    expect(outcome.kind).toBe('appended');
    const events = await poolEvents(database.db, ns, 'web');
    expect(summary(events)).toEqual([
      'PoolConfigured',
      'RunnerConnected r-1',
      'RunnerConnected r-2',
      'RunnerConnected r-3',
      'RunnerDrainRequested r-1',
      'RunnerDrainRequested r-2',
    ]);
    expect(new Set(events.slice(3).map((stored) => stored.transactionId)).size).toBe(1);
    expect((await b.metrics.appendRetries.get()).values).toEqual([
      { value: 1, labels: { command: 'ConnectRunner' } },
    ]);
  });

  it('checks a decision to do nothing against the log before trusting it', async () => {
    const ns = 'stale-nothing';
    const a = replica();
    const b = replica();
    await b.commands.handle(connect(ns, 'r-1', 1), cause('sn-1'));
    await a.commands.handle(disconnect(ns, 'r-1'), cause('sn-2'));

    // B's cache still shows r-1 connected with this very content, which would make this a repeat.
    const outcome = await b.commands.handle(connect(ns, 'r-1', 1), cause('sn-3'));

    expect(outcome.kind).toBe('appended');
    expect(summary(await poolEvents(database.db, ns, 'web'))).toEqual([
      'RunnerConnected r-1',
      'RunnerStopped r-1',
      'RunnerConnected r-1',
    ]);
  });

  it('appends nothing for a message handled before, even where the pool would now decide otherwise', async () => {
    const ns = 'redelivery';
    const a = replica();
    await a.commands.handle(connect(ns, 'r-1', 1), cause('rd-1'));
    await a.commands.handle(disconnect(ns, 'r-1'), cause('rd-2'));

    // The connect comes back (a crash between commit and ack) to a replica that never saw it. On today's
    // state it would register r-1 again; its event ids say it is already in the log.
    const restarted = replica();
    const outcome = await restarted.commands.handle(connect(ns, 'r-1', 1), cause('rd-1'));

    expect(outcome.kind).toBe('duplicate');
    expect(summary(await poolEvents(database.db, ns, 'web'))).toEqual([
      'RunnerConnected r-1',
      'RunnerStopped r-1',
    ]);
  });

  it('handles a cause once, whichever pool it names: a Nats-Msg-Id stands for one message', async () => {
    const ns = 'ids';
    const outcome = await replica().commands.handle(connect(ns, 'r-1', 1), cause('id-1'));
    const again = await replica().commands.handle(connect(`${ns}-other`, 'r-1', 1), cause('id-1'));
    expect(outcome.kind === 'appended' && outcome.eventIds).toHaveLength(1);
    // Its event ids derive from the cause alone, and they are taken.
    expect(again.kind).toBe('duplicate');
  });
});
