import { DrainView, OperatorDrainReply, PoolEvent, poolStream, type WorkerMapRow } from '@rollcall/contracts';
import { readStream } from '@rollcall/eventlog';
import { getWorker } from '@rollcall/projections';
import { eventually, useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configurePool } from './testing/configure-pool';
import { type ExampleRunner, type LogLine, startExampleRunner } from './testing/example-runner';
import { recordRunnerWire } from './testing/runner-wire';
import { ADMIN_TOKEN, useControlPlane } from './testing/use-control-plane';

// A drain carried to its end with real runner processes: the registry, the drainer and the api in-process
// on this file's database and subject prefix, the SDK's example runner as child processes. Each test has a
// pool of its own and starts the drainer replicas it needs; what is checked is the log, the commands on
// the wire, what the runners logged, and the drains view.

const namespace = 'acme';
const database = useTestDatabase();
const nats = useTestNats();
const plane = useControlPlane(database, nats, { heartbeatIntervalSeconds: 1, missedHeartbeats: 10 });
const runners: ExampleRunner[] = [];
let wire: Awaited<ReturnType<typeof recordRunnerWire>>;

beforeAll(async () => {
  wire = await recordRunnerWire(nats.nc, nats.prefix, namespace);
});

afterAll(() => {
  wire.close();
  for (const runner of runners) runner.kill();
});

function runner(pool: string, runnerId: string, args: readonly string[] = []): ExampleRunner {
  const started = startExampleRunner({ natsUrl: nats.url, prefix: nats.prefix, namespace }, runnerId, [
    ...['--pool', pool, '--version', '1'],
    ...args,
  ]);
  runners.push(started);
  return started;
}

const started = (line: LogLine) => line.msg === 'example runner started';
const sessionStarted = (line: LogLine) => line.msg === 'session started';

async function api(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) {
  const response = await plane.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
  return { status: response.statusCode, body: response.json<unknown>() };
}

async function operatorDrain(body: Record<string, unknown>): Promise<OperatorDrainReply> {
  const reply = await api('POST', `/v1/namespaces/${namespace}/drains`, body);
  expect(reply.status).toBe(201);
  return OperatorDrainReply.parse(reply.body);
}

const DrainsReply = z.object({ drains: z.array(DrainView) });

/** The runner's latest drain in the drains view once it matches. */
function drainView(runnerId: string, match: (drain: DrainView) => boolean, what: string): Promise<DrainView> {
  return eventually(
    async () => {
      const reply = await api('GET', `/v1/namespaces/${namespace}/drains?runnerId=${runnerId}`);
      expect(reply.status).toBe(200);
      const [latest] = DrainsReply.parse(reply.body).drains.filter((drain) => drain.runnerId === runnerId);
      return latest !== undefined && match(latest) ? latest : undefined;
    },
    { what: `${runnerId}'s drain ${what}` },
  );
}

function worker(runnerId: string, match: (row: WorkerMapRow) => boolean, what: string) {
  return eventually(
    async () => {
      const row = await getWorker(database.db, { namespace, runnerId });
      return row !== null && match(row) ? row : undefined;
    },
    { what: `${runnerId} ${what} in the worker map` },
  );
}

/** The first message of that kind a runner got (or sent), once on the wire. */
function onWire(runnerId: string, kind: string) {
  return eventually(async () => wire.of(runnerId, kind)[0], { what: `${kind} for ${runnerId} on the wire` });
}

async function poolEvents(pool: string) {
  const events: (PoolEvent & { position: bigint })[] = [];
  for await (const recorded of readStream(database.db, { streamName: poolStream(namespace, pool) })) {
    events.push({
      ...PoolEvent.parse({ type: recorded.type, data: recorded.data }),
      position: recorded.globalPosition,
    });
  }
  return events;
}

function ofType<T extends PoolEvent['type']>(events: readonly (PoolEvent & { position: bigint })[], type: T) {
  return events.filter(
    (event): event is Extract<PoolEvent, { type: T }> & { position: bigint } => event.type === type,
  );
}

function only<T>(items: readonly T[], what: string): T {
  expect(items, what).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error(`no ${what}`);
  return item;
}

describe('a drain carried to its end', () => {
  it('stops an idle runner right after its drain; it exits 0', async () => {
    await configurePool(database.db, namespace, 'idle');
    plane.startDrainer();
    const idle = runner('idle', 'idle-1');
    await idle.logged(started, 'its start');
    await worker('idle-1', (row) => row.status === 'active', 'active');

    await operatorDrain({ runnerId: 'idle-1', deadlineSeconds: 30 });

    expect((await onWire('idle-1', 'stop')).payload).toEqual({ reason: 'drain_complete', forced: false });
    expect(await idle.exitCode).toBe(0);
    const events = await poolEvents('idle');
    const drain = only(ofType(events, 'RunnerDrainRequested'), 'drain');
    const stop = only(ofType(events, 'RunnerStopRequested'), 'stop');
    expect(stop.data).toMatchObject({ runnerId: 'idle-1', forced: false, reason: 'drain_complete' });
    expect(stop.position).toBeGreaterThan(drain.position);
    // Nothing between the drain and its stop: the runner was idle when drained.
    expect(events.filter((event) => event.position > drain.position).map((event) => event.type)[0]).toBe(
      'RunnerStopRequested',
    );
    expect(
      wire
        .of('idle-1')
        .filter((m) => m.kind === 'drain' || m.kind === 'stop')
        .map((m) => m.kind),
    ).toEqual(['drain', 'stop']);
    expect(idle.lines.at(-1)).toMatchObject({
      msg: 'example runner exiting',
      forced: false,
      origin: 'rollcall',
    });
    const view = await drainView('idle-1', (d) => d.state === 'stopped', 'stopped');
    expect(view).toMatchObject({ forced: false, requestedBy: 'admin', reason: 'operator', waitingFor: null });
  });

  it('stops a busy runner right after its last session ends, not before', async () => {
    await configurePool(database.db, namespace, 'busy');
    plane.startDrainer();
    const busy = runner('busy', 'busy-1', ['--slots', '1', '--session-rate', '20', '--session-ms', '4000']);
    await busy.logged(sessionStarted, 'a session');
    await worker('busy-1', (row) => row.activeSessions > 0, 'busy');

    await operatorDrain({ runnerId: 'busy-1', deadlineSeconds: 60 });

    const waiting = await drainView(
      'busy-1',
      (d) => d.state === 'waiting_for_sessions',
      'waiting for sessions',
    );
    expect(waiting.activeSessions).toBeGreaterThan(0);
    expect(waiting.waitingFor).toMatch(/session/);
    expect(waiting.secondsLeft).toBeGreaterThan(0);

    const stopMessage = await onWire('busy-1', 'stop');
    expect(stopMessage.payload).toEqual({ reason: 'drain_complete', forced: false });
    // What the runner reported before its stop: busy while draining, and idle in the last heartbeat.
    const drainAt = wire.seen.indexOf(await onWire('busy-1', 'drain'));
    const beforeStop = wire.seen
      .slice(0, wire.seen.indexOf(stopMessage))
      .filter((m) => m.runnerId === 'busy-1' && m.kind === 'heartbeat');
    expect(beforeStop.at(-1)?.payload.activeSessions).toBe(0);
    expect(
      beforeStop.some((m) => wire.seen.indexOf(m) > drainAt && Number(m.payload.activeSessions) > 0),
    ).toBe(true);
    expect(await busy.exitCode).toBe(0);

    const events = await poolEvents('busy');
    const drain = only(ofType(events, 'RunnerDrainRequested'), 'drain');
    const idle = ofType(events, 'RunnerBecameIdle').filter((event) => event.position > drain.position);
    const stop = only(ofType(events, 'RunnerStopRequested'), 'stop');
    expect(stop.data).toMatchObject({ forced: false, reason: 'drain_complete' });
    expect(stop.position).toBeGreaterThan(only(idle, 'idle after the drain').position);
    expect(await drainView('busy-1', (d) => d.state === 'stopped', 'stopped')).toMatchObject({
      forced: false,
    });
  });

  it('stops a stuck runner by force at its deadline, not before', async () => {
    await configurePool(database.db, namespace, 'stuck');
    plane.startDrainer();
    const stuck = runner('stuck', 'stuck-1', ['--stuck', '--slots', '1', '--session-rate', '20']);
    await stuck.logged(sessionStarted, 'a session');
    await worker('stuck-1', (row) => row.activeSessions > 0, 'busy');

    const [created] = (await operatorDrain({ runnerId: 'stuck-1', deadlineSeconds: 3 })).drains;
    const deadline = Date.parse(created?.deadline ?? '');
    const waiting = await drainView('stuck-1', (d) => d.state === 'waiting_for_sessions', 'waiting');
    expect(waiting.waitingFor).toMatch(/session/);

    const stopMessage = await onWire('stuck-1', 'stop');
    expect(stopMessage.payload).toEqual({ reason: 'drain_deadline', forced: true });
    expect(stopMessage.receivedAt).toBeGreaterThanOrEqual(deadline);
    expect(await stuck.exitCode).toBe(0);
    expect(stuck.lines.at(-1)).toMatchObject({ msg: 'example runner exiting', forced: true });

    const stop = only(ofType(await poolEvents('stuck'), 'RunnerStopRequested'), 'stop');
    expect(stop.data).toMatchObject({ forced: true, reason: 'drain_deadline' });
    expect(Date.parse(stop.data.requestedAt)).toBeGreaterThanOrEqual(deadline);
    const forced = await drainView('stuck-1', (d) => d.state === 'forced', 'forced');
    expect(forced).toMatchObject({ forced: true, waitingFor: null });
    expect(Date.parse(forced.stopRequestedAt ?? '')).toBeGreaterThanOrEqual(deadline);
  });

  it('honours the deadline across a drainer restart, stopping the runner once', async () => {
    await configurePool(database.db, namespace, 'restart');
    const first = plane.startDrainer();
    const stuck = runner('restart', 'restart-1', ['--stuck', '--slots', '1', '--session-rate', '20']);
    await stuck.logged(sessionStarted, 'a session');
    await worker('restart-1', (row) => row.activeSessions > 0, 'busy');

    const [created] = (await operatorDrain({ runnerId: 'restart-1', deadlineSeconds: 4 })).drains;
    const deadline = Date.parse(created?.deadline ?? '');
    await stuck.logged((line) => line.msg === 'drain received: taking no new sessions', 'the drain');
    await first.shutdown();
    // The first drainer is gone before the deadline: nothing stopped the runner yet.
    expect(ofType(await poolEvents('restart'), 'RunnerStopRequested')).toEqual([]);
    expect(wire.of('restart-1', 'stop')).toEqual([]);

    plane.startDrainer();
    const stopMessage = await onWire('restart-1', 'stop');
    expect(stopMessage.payload).toEqual({ reason: 'drain_deadline', forced: true });
    expect(stopMessage.receivedAt).toBeGreaterThanOrEqual(deadline);
    expect(await stuck.exitCode).toBe(0);
    await drainView('restart-1', (d) => d.state === 'forced', 'forced');
    await plane.drainerCaughtUp();

    const stop = only(ofType(await poolEvents('restart'), 'RunnerStopRequested'), 'stop');
    expect(Date.parse(stop.data.requestedAt)).toBeGreaterThanOrEqual(deadline);
    expect(wire.of('restart-1', 'stop')).toHaveLength(1);
  });

  it('drains a server for an operator, and an undrain gives a runner back its sessions', async () => {
    await configurePool(database.db, namespace, 'ops');
    plane.startDrainer();
    const workload = ['--stuck', '--slots', '50', '--session-rate', '4', '--server-id', 'host-ops'];
    const kept = runner('ops', 'ops-1', workload);
    const drained = runner('ops', 'ops-2', workload);
    await Promise.all([
      kept.logged(sessionStarted, 'a session'),
      drained.logged(sessionStarted, 'a session'),
    ]);
    await worker('ops-1', (row) => row.activeSessions > 0, 'busy');
    await worker('ops-2', (row) => row.activeSessions > 0, 'busy');

    const reply = await operatorDrain({ serverId: 'host-ops', deadlineSeconds: 120 });
    expect(reply.drains.map((d) => [d.runnerId, d.reason, d.requestedBy])).toEqual([
      ['ops-1', 'server_drain', 'admin'],
      ['ops-2', 'server_drain', 'admin'],
    ]);
    for (const one of [kept, drained]) {
      await one.logged((line) => line.msg === 'drain received: taking no new sessions', 'the drain');
      await one.logged((line) => line.msg === 'new sessions refused while draining', 'refusals');
      await drainView(one.runnerId, (d) => d.state === 'waiting_for_sessions', 'waiting');
    }
    await worker('ops-1', (row) => row.draining && !row.available, 'draining');

    const undrain = await api('DELETE', `/v1/namespaces/${namespace}/drains/ops-1`);
    expect(undrain.status).toBe(200);
    expect((await onWire('ops-1', 'undrain')).payload).toEqual({ reason: expect.any(String) });
    await kept.logged((line) => line.msg === 'undrain received: taking sessions again', 'the undrain');
    const heartbeats = () => wire.of('ops-1', 'heartbeat');
    const atUndrain = Number(heartbeats().at(-1)?.payload.activeSessions);
    await eventually(
      async () => (heartbeats().some((m) => Number(m.payload.activeSessions) > atUndrain) ? true : undefined),
      { what: 'ops-1 taking a new session' },
    );
    await worker('ops-1', (row) => row.status === 'active' && row.available && !row.draining, 'available');
    await drainView('ops-1', (d) => d.state === 'undrained', 'undrained');
    // The other runner of the server still drains, and neither was stopped.
    expect((await drainView('ops-2', () => true, 'listed')).state).toBe('waiting_for_sessions');
    expect(wire.of('ops-1', 'stop')).toEqual([]);
    expect(wire.of('ops-2', 'stop')).toEqual([]);
  });

  it('sends each stop once with two drainer replicas running', async () => {
    await configurePool(database.db, namespace, 'replicas');
    plane.startDrainer();
    plane.startDrainer();
    const pair = [runner('replicas', 'replicas-1'), runner('replicas', 'replicas-2')];
    await Promise.all(pair.map((one) => one.logged(started, 'its start')));
    for (const one of pair) await worker(one.runnerId, (row) => row.status === 'active', 'active');

    const reply = await operatorDrain({ pool: 'replicas', version: 1, deadlineSeconds: 30 });
    expect(reply.drains).toHaveLength(2);
    expect(await Promise.all(pair.map((one) => one.exitCode))).toEqual([0, 0]);
    for (const one of pair) await drainView(one.runnerId, (d) => d.state === 'stopped', 'stopped');
    await plane.drainerCaughtUp();

    const stops = ofType(await poolEvents('replicas'), 'RunnerStopRequested');
    expect(stops.map((stop) => stop.data.runnerId).sort()).toEqual(['replicas-1', 'replicas-2']);
    for (const one of pair) {
      expect(wire.of(one.runnerId, 'stop').map((m) => m.payload)).toEqual([
        { reason: 'drain_complete', forced: false },
      ]);
    }
  });
});
