import { useTestDatabase } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLiveness } from '../liveness/record-liveness';
import { silentWorkers } from '../liveness/silent-workers';
import { type PoolDriver, poolDriver, tickingClock } from '../testing/pool-driver';
import { runProjector } from '../testing/run-projector';
import { countWorkers } from './count-workers';
import { getWorker } from './get-worker';
import { idleWorkers } from './idle-workers';
import { isPoolDraining } from './is-pool-draining';
import { listPools } from './list-pools';
import { listWorkers } from './list-workers';
import { placeSession } from './place-session';
import { workersForServer } from './workers-for-server';

const testDb = useTestDatabase();
const web = { namespace: 'acme', pool: 'web' };
const api = { namespace: 'acme', pool: 'api' };
const globexWeb = { namespace: 'globex', pool: 'web' };
const LATER = new Date('2026-03-01T13:00:00.000Z');
let driver: PoolDriver;
let projector: ReturnType<typeof runProjector>;

const ids = (rows: readonly { runnerId: string }[]) => rows.map((row) => row.runnerId);

/**
 * acme/web (configured, catalog 1 and 2): a, b at v1 drained by c's v2 connect; d at v2 busy with 1 session;
 * e at v2 drained, stopped and gone. acme/api (no config): x at v7. globex/web: g at v1.
 */
beforeAll(async () => {
  driver = poolDriver(testDb.db, tickingClock('2026-03-01T12:00:00.000Z'));
  projector = runProjector(testDb.db, testDb.url);
  await driver.configure(web);
  await driver.publish(web, 1);
  await driver.publish(web, 2);
  await driver.connect(web, 'a', 1, { serverId: 'server-1', slots: 2 });
  await driver.connect(web, 'b', 1, { serverId: 'server-2', slots: 4 });
  await driver.connect(web, 'c', 2, { serverId: 'server-1', slots: 2, labels: { zone: 'eu' } });
  await driver.connect(web, 'd', 2, { serverId: 'server-2', slots: 3 });
  await driver.activity(web, 'd', 1);
  await driver.connect(web, 'e', 2, { serverId: 'server-1' });
  await driver.drain(web, ['e']);
  await driver.stop(web, 'e');
  await driver.disconnect(web, 'e');
  await driver.connect(api, 'x', 7, { serverId: 'server-1' });
  await driver.connect(globexWeb, 'g', 1);
  await projector.caughtUp();
});

afterAll(async () => {
  await projector.stop();
});

describe('worker-map queries', () => {
  it('gets one runner as the contract row, or null for one the map never saw', async () => {
    const c = await getWorker(testDb.db, { namespace: 'acme', runnerId: 'c' });
    expect(c).toMatchObject({
      runnerId: 'c',
      namespace: 'acme',
      pool: 'web',
      version: 2,
      build: 'b2',
      serverId: 'server-1',
      labels: { zone: 'eu' },
      slots: 2,
      status: 'active',
      draining: false,
      available: true,
      activeSessions: 0,
      drain: null,
    });
    expect(c?.idleSince).toBe(c?.startedAt);
    expect(c?.lastSeenAt).toBe(c?.startedAt);
    const a = await getWorker(testDb.db, { namespace: 'acme', runnerId: 'a' });
    expect(a).toMatchObject({ status: 'draining', draining: true, available: false });
    expect(a?.drain).toMatchObject({ reason: 'version_upgrade', supersededBy: 2, requestedBy: 'rollcall' });
    expect(await getWorker(testDb.db, { namespace: 'acme', runnerId: 'nobody' })).toBeNull();
    expect(await getWorker(testDb.db, { namespace: 'globex', runnerId: 'c' })).toBeNull();
  });

  it('lists all runners of a namespace by pool then id, stopped ones included', async () => {
    expect(ids(await listWorkers(testDb.db, { namespace: 'acme' }))).toEqual(['x', 'a', 'b', 'c', 'd', 'e']);
    expect(ids(await listWorkers(testDb.db, { namespace: 'globex' }))).toEqual(['g']);
  });

  it('filters by pool, availability, server and status', async () => {
    expect(ids(await listWorkers(testDb.db, web))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ids(await listWorkers(testDb.db, { ...web, available: true }))).toEqual(['c', 'd']);
    expect(ids(await listWorkers(testDb.db, { ...web, available: false }))).toEqual(['a', 'b', 'e']);
    expect(ids(await listWorkers(testDb.db, { namespace: 'acme', serverId: 'server-2' }))).toEqual([
      'b',
      'd',
    ]);
    expect(ids(await listWorkers(testDb.db, { namespace: 'acme', status: 'stopped' }))).toEqual(['e']);
    expect(ids(await listWorkers(testDb.db, { ...web, status: 'draining', serverId: 'server-1' }))).toEqual([
      'a',
    ]);
  });

  it('counts runners in service, per namespace and per pool', async () => {
    expect(await countWorkers(testDb.db, { namespace: 'acme' })).toBe(5);
    expect(await countWorkers(testDb.db, web)).toBe(4);
    expect(await countWorkers(testDb.db, api)).toBe(1);
    expect(await countWorkers(testDb.db, { namespace: 'nowhere' })).toBe(0);
  });

  it('lists the runners in service on a server, across pools', async () => {
    expect(ids(await workersForServer(testDb.db, { namespace: 'acme', serverId: 'server-1' }))).toEqual([
      'x',
      'a',
      'c',
    ]);
  });

  it('tells whether a pool is draining', async () => {
    expect(await isPoolDraining(testDb.db, web)).toBe(true);
    expect(await isPoolDraining(testDb.db, api)).toBe(false);
  });

  it('finds idle workers older than a timeout, draining and busy ones excluded', async () => {
    const c = await getWorker(testDb.db, { namespace: 'acme', runnerId: 'c' });
    const x = await getWorker(testDb.db, { namespace: 'acme', runnerId: 'x' });
    const cIdle = Date.parse(c?.idleSince ?? '');
    const xIdle = Date.parse(x?.idleSince ?? '');
    expect(cIdle).toBeLessThan(xIdle);
    const at = (idleFor: number, now: number) =>
      idleWorkers(testDb.db, { namespace: 'acme', olderThanSeconds: idleFor, now: new Date(now) });
    expect(ids(await at(0, xIdle))).toEqual(['c', 'x']);
    expect(ids(await at(1, xIdle))).toEqual(['c']);
    expect(ids(await at(3600, xIdle))).toEqual([]);
    expect(ids(await idleWorkers(testDb.db, { ...api, olderThanSeconds: 0, now: new Date(xIdle) }))).toEqual([
      'x',
    ]);
  });
});

describe('pools view', () => {
  it('shows config, versions in service with draining counts, catalog and latest version', async () => {
    const pools = await listPools(testDb.db, { namespace: 'acme' });
    expect(pools.map((pool) => pool.pool)).toEqual(['api', 'web']);
    const [apiView, webView] = pools;
    expect(apiView).toEqual({
      namespace: 'acme',
      pool: 'api',
      config: null,
      latestVersion: null,
      draining: false,
      versionsInService: [{ version: 7, runners: 1, draining: 0 }],
      catalog: [],
    });
    expect(webView).toMatchObject({
      config: {
        drainOnVersionUpgrade: true,
        drainTimeoutSeconds: 300,
        autoUpgrade: false,
        maxVersionStep: 10,
      },
      latestVersion: 2,
      draining: true,
      versionsInService: [
        { version: 1, runners: 2, draining: 2 },
        { version: 2, runners: 2, draining: 0 },
      ],
    });
    expect(webView?.catalog.map((entry) => [entry.version, entry.build, entry.yanked])).toEqual([
      [1, 'b1', false],
      [2, 'b2', false],
    ]);
    expect(await listPools(testDb.db, { namespace: 'acme', pool: 'web' })).toEqual([webView]);
  });
});

describe('liveness', () => {
  it('takes sessions and last sign of life from a newer heartbeat, and ignores an older one', async () => {
    await recordLiveness(testDb.db, [
      { ...web, runnerId: 'd', activeSessions: 2, seenAt: LATER },
      { ...web, runnerId: 'd', activeSessions: 3, seenAt: new Date(LATER.getTime() - 1000) },
    ]);
    await recordLiveness(testDb.db, [
      { ...web, runnerId: 'd', activeSessions: 0, seenAt: new Date('2026-03-01T12:30:00Z') },
    ]);
    expect(await getWorker(testDb.db, { namespace: 'acme', runnerId: 'd' })).toMatchObject({
      activeSessions: 2,
      lastSeenAt: LATER.toISOString(),
    });
  });

  it('finds runners in service that fell silent', async () => {
    const silent = await silentWorkers(testDb.db, { silentSince: new Date('2026-03-01T12:30:00Z') });
    expect(silent.map((worker) => `${worker.namespace}/${worker.runnerId}`).sort()).toEqual([
      'acme/a',
      'acme/b',
      'acme/c',
      'acme/x',
      'globex/g',
    ]);
  });
});

describe('placeSession', () => {
  it('picks the least loaded available runner with a free slot', async () => {
    // d holds 2 of 3 slots (heartbeat above), c none of 2.
    expect((await placeSession(testDb.db, web))?.runnerId).toBe('c');
    await recordLiveness(testDb.db, [{ ...web, runnerId: 'c', activeSessions: 2, seenAt: LATER }]);
    expect((await placeSession(testDb.db, web))?.runnerId).toBe('d');
    await recordLiveness(testDb.db, [
      { ...web, runnerId: 'd', activeSessions: 3, seenAt: new Date(LATER.getTime() + 1000) },
    ]);
    expect(await placeSession(testDb.db, web)).toBeNull();
    await recordLiveness(testDb.db, [
      { ...web, runnerId: 'c', activeSessions: 1, seenAt: new Date(LATER.getTime() + 2000) },
      { ...web, runnerId: 'd', activeSessions: 1, seenAt: new Date(LATER.getTime() + 2000) },
    ]);
    // Both hold one session: d (1 of 3) is less loaded than c (1 of 2).
    expect((await placeSession(testDb.db, web))?.runnerId).toBe('d');
    expect(await placeSession(testDb.db, { namespace: 'acme', pool: 'empty' })).toBeNull();
  });

  it('never returns a runner whose drain is in the log, even when the projector has not folded it', async () => {
    await projector.stop();
    await driver.drain(web, ['d']);
    // The worker map lags: it still shows d active and available...
    expect(await getWorker(testDb.db, { namespace: 'acme', runnerId: 'd' })).toMatchObject({
      status: 'active',
      available: true,
    });
    // ...yet placement leaves it out.
    expect((await placeSession(testDb.db, web))?.runnerId).toBe('c');
    await driver.lose(web, 'c');
    expect(await placeSession(testDb.db, web)).toBeNull();

    projector = runProjector(testDb.db, testDb.url);
    await projector.caughtUp();
    expect(ids(await listWorkers(testDb.db, { ...web, available: true }))).toEqual([]);
    expect(await placeSession(testDb.db, web)).toBeNull();
    await driver.connect(web, 'f', 2);
    await projector.caughtUp();
    expect((await placeSession(testDb.db, web))?.runnerId).toBe('f');
  });
});
