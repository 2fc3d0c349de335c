import { randomUUID } from 'node:crypto';
import { poolStream } from '@rollcall/contracts';
import type { PoolRunner } from '@rollcall/domain';
import { ANY, append, listDeadLetters } from '@rollcall/eventlog';
import { useTestDatabase } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPools } from '../queries/list-pools';
import { listWorkers } from '../queries/list-workers';
import { type PoolDriver, poolDriver, tickingClock } from '../testing/pool-driver';
import { runProjector } from '../testing/run-projector';

const testDb = useTestDatabase();
const web = { namespace: 'acme', pool: 'web' };
let driver: PoolDriver;
let projector: ReturnType<typeof runProjector>;

beforeAll(() => {
  driver = poolDriver(testDb.db, tickingClock('2026-03-01T12:00:00.000Z'));
  projector = runProjector(testDb.db, testDb.url);
});

afterAll(async () => {
  await projector.stop();
});

/** What the pool aggregate itself believes about each runner, for comparison with the projection. */
function aggregateView(): { runnerId: string; version: number; status: string; draining: boolean }[] {
  const state = driver.state(web);
  if (state.status !== 'open') return [];
  return [...state.runners.values()]
    .map((runner: PoolRunner) => ({
      runnerId: runner.runnerId,
      version: runner.version,
      status: runner.status,
      draining: runner.drain !== null,
    }))
    .sort((a, b) => (a.runnerId < b.runnerId ? -1 : 1));
}

async function projectedView() {
  await projector.caughtUp();
  const rows = await listWorkers(testDb.db, web);
  return rows.map(({ runnerId, version, status, draining }) => ({ runnerId, version, status, draining }));
}

describe('the read-model projector', () => {
  it('registers connected runners', async () => {
    await driver.configure(web);
    await driver.connect(web, 'a', 1);
    await driver.connect(web, 'b', 1);
    expect(await projectedView()).toEqual([
      { runnerId: 'a', version: 1, status: 'active', draining: false },
      { runnerId: 'b', version: 1, status: 'active', draining: false },
    ]);
  });

  it('shows the older runners draining, superseded by the newer version, once it connects', async () => {
    await driver.connect(web, 'c', 2);
    const rows = await (async () => {
      await projector.caughtUp();
      return listWorkers(testDb.db, web);
    })();
    expect(
      rows.map((row) => [row.runnerId, row.status, row.drain?.supersededBy ?? null, row.available]),
    ).toEqual([
      ['a', 'draining', 2, false],
      ['b', 'draining', 2, false],
      ['c', 'active', null, true],
    ]);
    expect(await projectedView()).toEqual(aggregateView());
  });

  it('follows busy/idle, stops and losses as the aggregate does', async () => {
    await driver.activity(web, 'c', 2);
    await driver.stop(web, 'a');
    await driver.disconnect(web, 'a');
    await driver.lose(web, 'b');
    await driver.connect(web, 'd', 2, { serverId: 'server-2' });
    expect(await projectedView()).toEqual(aggregateView());
    const [c] = await listWorkers(testDb.db, { ...web, status: 'active', serverId: 'server-1' });
    expect(c).toMatchObject({ runnerId: 'c', activeSessions: 2, idleSince: null });
  });

  it('keeps the pools projection: config and versions in service', async () => {
    const [view] = await listPools(testDb.db, web);
    expect(view).toMatchObject({
      pool: 'web',
      config: { drainOnVersionUpgrade: true, drainTimeoutSeconds: 300 },
      versionsInService: [{ version: 2, runners: 2, draining: 0 }],
      draining: false,
    });
  });

  it('parks an event that does not parse and goes on with the next', async () => {
    const stream = poolStream('acme', 'web');
    const badId = randomUUID();
    await append(testDb.db, {
      streamName: stream,
      expectedVersion: ANY,
      events: [
        { eventId: badId, type: 'RunnerBecameBusy', data: { namespace: 'acme', pool: 'web', runnerId: 'c' } },
      ],
    });
    await append(testDb.db, {
      streamName: stream,
      expectedVersion: ANY,
      events: [
        {
          eventId: randomUUID(),
          type: 'RunnerBecameIdle',
          data: { namespace: 'acme', pool: 'web', runnerId: 'c', at: '2026-03-01T13:00:00.000Z' },
        },
      ],
    });
    await projector.caughtUp();
    const [c] = await listWorkers(testDb.db, { ...web, serverId: 'server-1', status: 'active' });
    expect(c).toMatchObject({ runnerId: 'c', activeSessions: 0, idleSince: '2026-03-01T13:00:00.000Z' });
    const parked = await listDeadLetters(testDb.db, { source: 'subscription:read-models' });
    expect(parked.map((letter) => letter.key)).toEqual([badId]);
    expect(parked[0]?.error).toContain('activeSessions');
  });
});
