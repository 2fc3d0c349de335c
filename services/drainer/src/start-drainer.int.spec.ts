import { type EventLogDatabase, headPosition } from '@rollcall/eventlog';
import { placeSession, startReadModelProjector } from '@rollcall/projections';
import { createLogger } from '@rollcall/service-kit';
import { eventually, type TestDatabase, useReplicas, useTestDatabase, useTestNats } from '@rollcall/testkit';
import type { Kysely } from 'kysely';
import { Registry } from 'prom-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateDrainer } from './migrate-drainer';
import { type DrainerOptions, startDrainer } from './start-drainer';
import { drainerProcessed } from './testing/drainer-processed';
import { runnerCommandsSeen } from './testing/runner-commands-seen';
import { type LoggedPoolEvent, testPool } from './testing/test-pool';

const nats = useTestNats();
const logger = createLogger({ service: 'drainer-test', level: 'silent' });

const running = useReplicas();

function drainers(database: TestDatabase) {
  beforeAll(() => migrateDrainer(database.db));

  /** A drainer replica of its own (own metrics), stopped by `shutdown` or after the test. */
  function start(options: Partial<Pick<DrainerOptions, 'stopGraceSeconds'>> = {}) {
    const metrics = new Registry();
    const shutdown = running.start((signal) =>
      startDrainer({
        db: database.db,
        connectionString: database.url,
        nc: nats.nc,
        prefix: nats.prefix,
        clock: () => new Date(),
        logger,
        metrics,
        signal,
        lockRetryMs: 100,
        ...options,
      }),
    );
    return { metrics, shutdown };
  }
  return start;
}

/**
 * Appends an unrelated event and waits until the drainer has handled it. The drain process decides what is
 * due before it waits for more of the log, so after this it has decided on everything appended before.
 */
async function allDecided(db: Kysely<EventLogDatabase>): Promise<void> {
  const sentinel = testPool(db, 'sentinel');
  await sentinel.connect(`s-${(await headPosition(db)).toString()}`);
  await drainerProcessed(db, await headPosition(db));
}

async function metricValue(metrics: Registry, name: string, labels: Record<string, string> = {}) {
  const metric = metrics.getSingleMetric(name);
  if (metric === undefined) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  const matching = values.filter(
    (value) =>
      Object.entries(labels).every(([key, label]) => value.labels[key] === label) &&
      (!('metricName' in value) || value.metricName === name || value.metricName === `${name}_count`),
  );
  return matching.reduce((sum, value) => sum + value.value, 0);
}

function ofType<T extends LoggedPoolEvent['type']>(events: readonly LoggedPoolEvent[], type: T) {
  return events.filter((event): event is Extract<LoggedPoolEvent, { type: T }> => event.type === type);
}

function only<T>(items: readonly T[], what: string): T {
  expect(items, what).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error(`no ${what}`);
  return item;
}

describe('startDrainer', () => {
  const database = useTestDatabase();
  const start = drainers(database);

  it('stops an idle runner right after its drain: the drain notice first, then a graceful stop', async () => {
    const pool = testPool(database.db, 'idle');
    const commands = await runnerCommandsSeen(nats.nc, nats.prefix, 'idle');
    await pool.connect('r-1');
    const { metrics } = start();

    await pool.drain(['r-1'], 600);
    await eventually(async () => (commands.of('r-1', 'stop').length > 0 ? true : undefined), {
      what: 'the stop command',
    });

    const events = await pool.events();
    expect(events.map((event) => event.type)).toEqual([
      'RunnerConnected',
      'RunnerDrainRequested',
      'RunnerStopRequested',
    ]);
    const drain = only(ofType(events, 'RunnerDrainRequested'), 'drain');
    const stop = only(ofType(events, 'RunnerStopRequested'), 'stop');
    expect(stop.data).toMatchObject({ runnerId: 'r-1', forced: false, reason: 'drain_complete' });
    expect(Date.parse(stop.data.requestedAt)).toBeGreaterThanOrEqual(Date.parse(drain.data.requestedAt));
    expect(commands.of('r-1').map((command) => [command.kind, command.payload])).toEqual([
      ['drain', { reason: 'operator', deadline: drain.data.deadline }],
      ['stop', { reason: 'drain_complete', forced: false }],
    ]);

    // The runner obeys: its drain is over, and measured.
    await pool.disconnect('r-1');
    await drainerProcessed(database.db, await headPosition(database.db));
    expect(await metricValue(metrics, 'rollcall_drain_duration_seconds', { end: 'stopped' })).toBe(1);
    await eventually(async () =>
      (await metricValue(metrics, 'rollcall_drains_in_progress')) === 0 ? true : undefined,
    );

    // A later drain in the same pool is measured on its own; the first one is not counted again.
    await pool.connect('r-2');
    await pool.drain(['r-2'], 600);
    await eventually(async () => (commands.of('r-2', 'stop').length > 0 ? true : undefined));
    await pool.disconnect('r-2');
    await drainerProcessed(database.db, await headPosition(database.db));
    expect(await metricValue(metrics, 'rollcall_drain_duration_seconds', { end: 'stopped' })).toBe(2);
    commands.close();
  });

  it('lets a busy draining runner finish its sessions without new ones, and stops it right after the last ends', async () => {
    const pool = testPool(database.db, 'busy');
    const commands = await runnerCommandsSeen(nats.nc, nats.prefix, 'busy');
    await pool.connect('r-1');
    await pool.connect('r-2');
    await pool.sessions('r-1', 2);
    await pool.sessions('r-2', 3);
    const projector = new AbortController();
    const projecting = startReadModelProjector({
      db: database.db,
      connectionString: database.url,
      signal: projector.signal,
      logger,
      lockRetryMs: 100,
    });
    try {
      // The least loaded runner gets the next session: r-1 (2 of 4 slots) before r-2 (3 of 4).
      const place = () => placeSession(database.db, pool.ref);
      await eventually(async () => ((await place())?.runnerId === 'r-1' ? true : undefined), {
        what: 'r-1 placeable',
      });
      const { metrics } = start();

      await pool.drain(['r-1'], 600);
      // From the drain on, r-1 gets no new session; the ones it holds go on and it is not stopped.
      expect((await place())?.runnerId).toBe('r-2');
      await allDecided(database.db);
      expect(ofType(await pool.events(), 'RunnerStopRequested')).toEqual([]);
      expect(commands.of('r-1', 'stop')).toEqual([]);
      expect(await metricValue(metrics, 'rollcall_drains_in_progress')).toBe(1);
      expect((await place())?.runnerId).toBe('r-2');

      await pool.sessions('r-1', 0);
      await eventually(async () => (commands.of('r-1', 'stop').length > 0 ? true : undefined), {
        what: 'the stop command',
      });
      const events = await pool.events();
      const becameIdle = only(
        ofType(events, 'RunnerBecameIdle').filter((event) => event.data.runnerId === 'r-1'),
        'idle',
      );
      const stop = only(ofType(events, 'RunnerStopRequested'), 'stop');
      expect(stop.data).toMatchObject({ runnerId: 'r-1', forced: false, reason: 'drain_complete' });
      expect(stop.position).toBeGreaterThan(becameIdle.position);
      expect(Date.parse(stop.data.requestedAt)).toBeGreaterThanOrEqual(Date.parse(becameIdle.data.at));
      expect(commands.of('r-1', 'stop').map((command) => command.payload)).toEqual([
        { reason: 'drain_complete', forced: false },
      ]);
      await pool.disconnect('r-1');
    } finally {
      projector.abort();
      await projecting;
      commands.close();
    }
  });

  it('stops a stuck runner by force at its deadline, not before', async () => {
    const pool = testPool(database.db, 'stuck');
    const commands = await runnerCommandsSeen(nats.nc, nats.prefix, 'stuck');
    await pool.connect('r-1');
    await pool.sessions('r-1', 1);
    const { metrics } = start();

    await pool.drain(['r-1'], 2);
    await eventually(async () => (commands.of('r-1', 'stop').length > 0 ? true : undefined), {
      what: 'the forced stop',
    });

    const events = await pool.events();
    const drain = only(ofType(events, 'RunnerDrainRequested'), 'drain');
    const stop = only(ofType(events, 'RunnerStopRequested'), 'stop');
    expect(stop.data).toMatchObject({ runnerId: 'r-1', forced: true, reason: 'drain_deadline' });
    expect(Date.parse(stop.data.requestedAt)).toBeGreaterThanOrEqual(Date.parse(drain.data.deadline));
    expect(commands.of('r-1').map((command) => [command.kind, command.payload])).toEqual([
      ['drain', { reason: 'operator', deadline: drain.data.deadline }],
      ['stop', { reason: 'drain_deadline', forced: true }],
    ]);
    expect(await metricValue(metrics, 'rollcall_drain_forced_stops_total')).toBe(1);
    await pool.disconnect('r-1');
    commands.close();
  });

  it('honours a deadline across a restart: the next drainer stops the runner by force, once', async () => {
    const pool = testPool(database.db, 'restart');
    const commands = await runnerCommandsSeen(nats.nc, nats.prefix, 'restart');
    await pool.connect('r-1');
    await pool.sessions('r-1', 1);
    const first = start();
    const drainedAt = await pool.drain(['r-1'], 4);
    await drainerProcessed(database.db, drainedAt);
    await first.shutdown();
    const drain = only(ofType(await pool.events(), 'RunnerDrainRequested'), 'drain');
    // The first drainer is gone before the deadline, having decided nothing: the timer is all in the log.
    expect(Date.now()).toBeLessThan(Date.parse(drain.data.deadline));
    expect(ofType(await pool.events(), 'RunnerStopRequested')).toEqual([]);

    start();
    await eventually(async () => (commands.of('r-1', 'stop').length > 0 ? true : undefined), {
      what: 'the forced stop',
    });
    await allDecided(database.db);

    const stop = only(ofType(await pool.events(), 'RunnerStopRequested'), 'stop');
    expect(stop.data).toMatchObject({ forced: true, reason: 'drain_deadline' });
    expect(Date.parse(stop.data.requestedAt)).toBeGreaterThanOrEqual(Date.parse(drain.data.deadline));
    expect(commands.of('r-1', 'stop')).toHaveLength(1);
    await pool.disconnect('r-1');
    commands.close();
  });

  it('sends each stop once with two replicas, even when one of them goes away midway', async () => {
    const pool = testPool(database.db, 'replicas');
    const commands = await runnerCommandsSeen(nats.nc, nats.prefix, 'replicas');
    for (const runnerId of ['r-1', 'r-2', 'r-3']) await pool.connect(runnerId);
    await pool.sessions('r-2', 1);
    await pool.sessions('r-3', 1);
    const a = start();
    start();

    await pool.drain(['r-1', 'r-2', 'r-3'], 3);
    await eventually(async () => (commands.of('r-1', 'stop').length > 0 ? true : undefined), {
      what: 'the stop of the idle runner',
    });
    // Whichever replica led, the other carries on.
    await a.shutdown();
    await pool.sessions('r-3', 0);
    await eventually(
      async () =>
        commands.of('r-2', 'stop').length > 0 && commands.of('r-3', 'stop').length > 0 ? true : undefined,
      { what: 'the other stops' },
    );
    await allDecided(database.db);
    await nats.nc.flush();

    const stops = ofType(await pool.events(), 'RunnerStopRequested');
    expect(stops.map((stop) => [stop.data.runnerId, stop.data.forced]).sort()).toEqual([
      ['r-1', false],
      ['r-2', true],
      ['r-3', false],
    ]);
    for (const runnerId of ['r-1', 'r-2', 'r-3']) expect(commands.of(runnerId, 'stop')).toHaveLength(1);
    for (const runnerId of ['r-1', 'r-2', 'r-3']) await pool.disconnect(runnerId);
    commands.close();
  });
});

describe('startDrainer, with a runner that does not go after stop', () => {
  const database = useTestDatabase();
  const start = drainers(database);

  it('marks it lost (stop_timeout) once the grace period has passed, and leaves one that went alone', async () => {
    const pool = testPool(database.db, 'timeout');
    await pool.connect('r-1');
    await pool.connect('r-2');
    const { metrics } = start({ stopGraceSeconds: 1 });

    await pool.drain(['r-1', 'r-2'], 600);
    await eventually(
      async () => (ofType(await pool.events(), 'RunnerStopRequested').length === 2 ? true : undefined),
      { what: 'both stops' },
    );
    await pool.disconnect('r-2');
    const lost = await eventually(async () => ofType(await pool.events(), 'RunnerLost')[0], {
      what: 'the lost runner',
    });

    const events = await pool.events();
    const stopOf = (runnerId: string) =>
      only(
        ofType(events, 'RunnerStopRequested').filter((stop) => stop.data.runnerId === runnerId),
        `stop of ${runnerId}`,
      );
    expect(lost.data).toMatchObject({ runnerId: 'r-1', reason: 'stop_timeout' });
    expect(Date.parse(lost.data.at)).toBeGreaterThanOrEqual(
      Date.parse(stopOf('r-1').data.requestedAt) + 1000,
    );
    expect(Date.parse(lost.data.lastSeenAt)).toBeLessThanOrEqual(Date.parse(lost.data.at));

    // r-2 disconnected after its stop: once its grace period is over too, it still is not lost.
    const r2GraceOver = Date.parse(stopOf('r-2').data.requestedAt) + 1000;
    await eventually(async () => (Date.now() > r2GraceOver ? true : undefined));
    await allDecided(database.db);
    expect(ofType(await pool.events(), 'RunnerLost').map((event) => event.data.runnerId)).toEqual(['r-1']);
    expect(await metricValue(metrics, 'rollcall_drainer_runners_lost_total')).toBe(1);
    expect(await metricValue(metrics, 'rollcall_drain_duration_seconds', { end: 'lost' })).toBe(1);
    expect(await metricValue(metrics, 'rollcall_drain_duration_seconds', { end: 'stopped' })).toBe(1);
  });
});
