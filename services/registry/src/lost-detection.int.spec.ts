import { setTimeout as sleep } from 'node:timers/promises';
import { migrateReadModels } from '@rollcall/projections';
import { eventually, useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRunner } from './testing/raw-runner';
import { poolEvents, summary, untilIngested, untilProjected } from './testing/registry-probes';
import { startTestRegistry } from './testing/start-test-registry';

// Liveness at test speed: heartbeats every second, lost after one missed, swept often, by two replicas
// of which only the lock holder sweeps.

const database = useTestDatabase();
const nats = useTestNats();
const replicas: Awaited<ReturnType<typeof startTestRegistry>>[] = [];
const ns = 'lost';

beforeAll(async () => {
  await migrateReadModels(database.db);
  for (let i = 0; i < 2; i++) {
    replicas.push(
      await startTestRegistry(database, nats, {
        heartbeatIntervalSeconds: 1,
        missedHeartbeats: 1,
        lostSweepIntervalMs: 50,
      }),
    );
  }
});

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
});

async function lostCount(): Promise<number> {
  let total = 0;
  for (const replica of replicas) {
    const metric = await replica.metrics.getSingleMetric('rollcall_registry_runners_lost_total')?.get();
    total += metric?.values.reduce((sum, value) => sum + value.value, 0) ?? 0;
  }
  return total;
}

describe('lost detection', () => {
  it('marks a silent runner lost once, and leaves the one that keeps heartbeating alone', async () => {
    const runner = rawRunner(nats.nc, nats.prefix, ns);
    await runner.publish(
      'connected',
      { runnerId: 'silent', pool: 'web', version: 1, serverId: 'host-1' },
      'c-s',
    );
    await runner.publish(
      'connected',
      { runnerId: 'chatty', pool: 'web', version: 1, serverId: 'host-1' },
      'c-c',
    );
    await untilIngested(nats.nc, replicas[0]?.registry.ingestStream ?? '');

    let beat = 0;
    await eventually(
      async () => {
        beat += 1;
        await runner.publish('heartbeat', { runnerId: 'chatty', activeSessions: 0 }, `chatty-${beat}`);
        await sleep(100);
        const events = await poolEvents(database.db, ns, 'web');
        return events.some(({ event }) => event.type === 'RunnerLost') ? events : undefined;
      },
      { what: 'the silent runner to be marked lost' },
    );
    // A few more sweeps pass over the lost runner (and its row) without deciding anything new.
    for (let i = 0; i < 5; i++) {
      await runner.publish('heartbeat', { runnerId: 'chatty', activeSessions: 0 }, `chatty-after-${i}`);
      await sleep(100);
    }

    const events = await poolEvents(database.db, ns, 'web');
    expect(summary(events)).toEqual([
      'RunnerConnected silent',
      'RunnerConnected chatty',
      'RunnerLost silent',
    ]);
    expect(events[2]?.event).toMatchObject({
      type: 'RunnerLost',
      data: { reason: 'missed_heartbeats' },
      metadata: { actor: 'rollcall:registry' },
    });
    expect(await lostCount()).toBe(1);

    await untilProjected(database.db);
    const reply = await nats.nc.request(
      `${nats.prefix}.v1.${ns}.query.worker`,
      JSON.stringify({ runnerId: 'silent' }),
    );
    expect(reply.json()).toMatchObject({ ok: true, worker: { status: 'lost', available: false } });
  });
});
