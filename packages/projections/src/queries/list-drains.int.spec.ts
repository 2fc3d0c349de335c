import { RUNNER_COMMANDS_CHECKPOINT } from '@rollcall/contracts';
import { headPosition, resetCheckpoint } from '@rollcall/eventlog';
import { useTestDatabase } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLiveness } from '../liveness/record-liveness';
import { type PoolDriver, poolDriver } from '../testing/pool-driver';
import { runProjector } from '../testing/run-projector';
import { listDrains } from './list-drains';

const testDb = useTestDatabase();
const web = { namespace: 'acme', pool: 'web' };
const api = { namespace: 'acme', pool: 'api' };
const T0 = Date.parse('2026-03-01T12:00:00.000Z');

let clock = new Date(T0);
const secondsAfterT0 = (seconds: number) => new Date(T0 + seconds * 1000);
let driver: PoolDriver;
let projector: ReturnType<typeof runProjector>;

/** The drains of acme at `seconds` after T0, once the projector folded everything appended. */
async function drainsAt(seconds: number, input: Partial<Parameters<typeof listDrains>[1]> = {}) {
  await projector.caughtUp();
  return listDrains(testDb.db, { namespace: 'acme', now: secondsAfterT0(seconds), ...input });
}

async function drainOf(runnerId: string, seconds: number) {
  const [drain, ...more] = (await drainsAt(seconds)).filter((row) => row.runnerId === runnerId);
  expect(more).toEqual([]);
  return drain;
}

/** The runner-command relay has sent everything appended so far. */
async function relayCaughtUp(): Promise<void> {
  await resetCheckpoint(testDb.db, {
    consumer: RUNNER_COMMANDS_CHECKPOINT,
    position: await headPosition(testDb.db),
  });
}

async function at(seconds: number, step: () => Promise<unknown>): Promise<void> {
  clock = secondsAfterT0(seconds);
  await step();
}

beforeAll(async () => {
  driver = poolDriver(testDb.db, () => clock);
  projector = runProjector(testDb.db, testDb.url);
  await driver.configure(web, { drainOnVersionUpgrade: false, drainTimeoutSeconds: 300 });
  for (const [runnerId, serverId] of [
    ['idle', 'server-1'],
    ['busy', 'server-1'],
    ['stuck', 'server-2'],
    ['cancelled', 'server-2'],
  ] as const) {
    await driver.connect(web, runnerId, 1, { serverId });
  }
  await driver.connect(api, 'other', 4, { serverId: 'server-1' });
  await driver.activity(web, 'busy', 2);
  await driver.activity(web, 'stuck', 1);
});

afterAll(async () => {
  await projector.stop();
});

describe('the drains view, driven through the pool aggregate and the projector', () => {
  it('shows a drain as requested until the relay has sent its notice', async () => {
    await at(10, () => driver.drain(web, ['idle', 'busy', 'stuck', 'cancelled']));
    const drains = await drainsAt(12);
    expect(drains.map((drain) => [drain.runnerId, drain.state])).toEqual([
      ['busy', 'requested'],
      ['cancelled', 'requested'],
      ['idle', 'requested'],
      ['stuck', 'requested'],
    ]);
    expect(drains[0]).toMatchObject({
      namespace: 'acme',
      pool: 'web',
      version: 1,
      serverId: 'server-1',
      reason: 'operator',
      supersededBy: null,
      requestedBy: 'test',
      requestedAt: secondsAfterT0(10).toISOString(),
      deadline: secondsAfterT0(70).toISOString(),
      secondsLeft: 58,
      activeSessions: 2,
      waitingFor: 'drain notice not yet sent; 2 sessions active; forced stop in 58 s',
      endedAt: null,
      outcome: null,
    });
  });

  it('shows notified (idle) and waiting for sessions once the relay got past the drain events', async () => {
    await relayCaughtUp();
    expect(await drainOf('idle', 20)).toMatchObject({
      state: 'notified',
      waitingFor: 'runner is idle; stop due',
    });
    expect(await drainOf('busy', 20)).toMatchObject({
      state: 'waiting_for_sessions',
      activeSessions: 2,
      secondsLeft: 50,
      waitingFor: '2 sessions still active; forced stop in 50 s',
    });
  });

  it('takes the session count from a heartbeat newer than the log', async () => {
    await recordLiveness(testDb.db, [
      { namespace: 'acme', runnerId: 'busy', pool: 'web', activeSessions: 3, seenAt: secondsAfterT0(21) },
    ]);
    expect(await drainOf('busy', 22)).toMatchObject({
      activeSessions: 3,
      waitingFor: '3 sessions still active; forced stop in 48 s',
    });
  });

  it('shows stopping, first not sent, then sent, and stopped once the runner disconnects', async () => {
    await at(25, () => driver.stop(web, 'idle'));
    expect(await drainOf('idle', 27)).toMatchObject({
      state: 'stopping',
      secondsLeft: null,
      stopRequestedAt: secondsAfterT0(25).toISOString(),
      waitingFor: 'stop decided 2 s ago; not yet sent',
    });
    await relayCaughtUp();
    expect(await drainOf('idle', 37)).toMatchObject({
      state: 'stopping',
      waitingFor: 'stop sent 12 s ago; waiting for the runner to disconnect',
    });
    await at(38, () => driver.disconnect(web, 'idle'));
    expect(await drainOf('idle', 40)).toMatchObject({
      state: 'stopped',
      waitingFor: null,
      endedAt: secondsAfterT0(38).toISOString(),
      outcome: 'stopped once idle (runner said: bye)',
    });
  });

  it('shows forced once a runner stopped by force at its deadline disconnects', async () => {
    await at(70, () =>
      driver.run({
        type: 'RequestStop',
        data: { ...web, runnerId: 'busy', forced: true, reason: 'drain_deadline' },
        metadata: { now: clock, actor: 'drainer' },
      }),
    );
    await relayCaughtUp();
    expect(await drainOf('busy', 71)).toMatchObject({
      state: 'stopping',
      forced: true,
      waitingFor: 'forced stop sent 1 s ago; waiting for the runner to disconnect',
    });
    await at(72, () => driver.disconnect(web, 'busy'));
    expect(await drainOf('busy', 73)).toMatchObject({
      state: 'forced',
      forced: true,
      outcome: 'stopped by force at the deadline (runner said: bye)',
    });
  });

  it('shows lost when a runner told to stop never disconnects', async () => {
    await at(70, () =>
      driver.run({
        type: 'RequestStop',
        data: { ...web, runnerId: 'stuck', forced: true, reason: 'drain_deadline' },
        metadata: { now: clock, actor: 'drainer' },
      }),
    );
    await at(100, () =>
      driver.run({
        type: 'MarkLost',
        data: {
          ...web,
          runnerId: 'stuck',
          reason: 'stop_timeout',
          lastSeenAt: secondsAfterT0(60).toISOString(),
        },
        metadata: { now: clock, actor: 'drainer' },
      }),
    );
    expect(await drainOf('stuck', 101)).toMatchObject({
      state: 'lost',
      outcome: 'lost: it did not disconnect within the stop grace period',
    });
  });

  it('shows undrained when an operator cancels a drain, and a later drain of the runner as a new one', async () => {
    await at(40, () => driver.undrain(web, 'cancelled'));
    await at(45, () => driver.drain(web, ['cancelled']));
    const drains = (await drainsAt(101)).filter((drain) => drain.runnerId === 'cancelled');
    expect(drains.map((drain) => [drain.state, drain.outcome, drain.requestedAt])).toEqual([
      ['requested', null, secondsAfterT0(45).toISOString()],
      ['undrained', 'undrained by test', secondsAfterT0(10).toISOString()],
    ]);
  });

  it('lists drains in progress first, then those finished within the window, latest end first', async () => {
    expect((await drainsAt(101)).map((drain) => [drain.runnerId, drain.state])).toEqual([
      ['cancelled', 'requested'],
      ['stuck', 'lost'],
      ['busy', 'forced'],
      ['cancelled', 'undrained'],
      ['idle', 'stopped'],
    ]);
    expect((await drainsAt(101, { finishedLimit: 1 })).map((drain) => drain.runnerId)).toEqual([
      'cancelled',
      'stuck',
    ]);
    const anHourLater = await drainsAt(3673);
    expect(anHourLater.map((drain) => [drain.runnerId, drain.state])).toEqual([
      ['cancelled', 'requested'],
      ['stuck', 'lost'],
    ]);
    expect(await drainsAt(101, { pool: 'api' })).toEqual([]);
    expect((await drainsAt(101, { runnerId: 'idle' })).map((drain) => drain.state)).toEqual(['stopped']);
  });

  it('lists the drains asked for by id, whatever their age', async () => {
    const all = await drainsAt(101);
    const idle = all.find((drain) => drain.runnerId === 'idle');
    const ids = [BigInt(idle?.id ?? '0')];
    expect((await drainsAt(999_999, { ids })).map((drain) => drain.runnerId)).toEqual(['idle']);
    expect(await drainsAt(101, { ids: [] })).toEqual([]);
  });
});
