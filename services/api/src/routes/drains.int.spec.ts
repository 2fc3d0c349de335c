import { RUNNER_COMMANDS_CHECKPOINT } from '@rollcall/contracts';
import { startRunnerCommandRelay } from '@rollcall/drainer';
import { headPosition, readCheckpoint } from '@rollcall/eventlog';
import { handlePoolCommand } from '@rollcall/pool-commands';
import { configurePool, connectRunner, recordActivity } from '@rollcall/pool-commands/testing';
import type { ServiceHttp } from '@rollcall/service-kit';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runTestProjector, type TestProjector } from '../testing/read-models';
import { buildTestApp, silentLogger } from '../testing/test-app';

const database = useTestDatabase();
const nats = useTestNats();

const TOKEN = 'test-admin-token-0123456789';
const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
let now = at(10);

let app: ServiceHttp;
let projector: TestProjector;
const stopRelay = new AbortController();
let relay: Promise<void> | undefined;

async function drains(query = '') {
  await projector.caughtUp();
  const response = await app.inject({ method: 'GET', url: `/v1/namespaces/acme/drains${query}` });
  return { status: response.statusCode, body: response.json() };
}

async function drainOf(runnerId: string) {
  const { body } = await drains(`?runnerId=${runnerId}`);
  expect(body.drains).toHaveLength(1);
  return body.drains[0];
}

/** Waits until the runner-command relay has sent everything appended so far. */
async function relayCaughtUp(): Promise<void> {
  const head = await headPosition(database.db);
  await vi.waitFor(
    async () =>
      expect((await readCheckpoint(database.db, RUNNER_COMMANDS_CHECKPOINT)) ?? 0n).toBeGreaterThanOrEqual(
        head,
      ),
    { timeout: 20_000, interval: 20 },
  );
}

const command = (type: 'RequestStop' | 'DisconnectRunner', runnerId: string) =>
  type === 'RequestStop'
    ? ({
        type,
        data: { namespace: 'acme', pool: 'web', runnerId, forced: false, reason: 'drain_complete' },
        metadata: { now, actor: 'drainer' },
      } as const)
    : ({
        type,
        data: { namespace: 'acme', pool: 'web', runnerId, reason: 'bye' },
        metadata: { now, actor: runnerId },
      } as const);

beforeAll(async () => {
  const db = database.db;
  await handlePoolCommand(db, configurePool('acme', 'web', { drainOnVersionUpgrade: false }));
  await handlePoolCommand(db, connectRunner('acme', 'web', { runnerId: 'web-1', version: 1 }));
  await handlePoolCommand(db, connectRunner('acme', 'web', { runnerId: 'web-2', version: 1, slots: 4 }));
  await handlePoolCommand(db, recordActivity('acme', 'web', 'web-2', 2));
  projector = runTestProjector(db, database.url);
  app = buildTestApp({ db, nc: nats.nc, adminToken: TOKEN, clock: () => now });
  await app.ready();
  // Operator drains find a runner's pool in the worker map.
  await projector.caughtUp();
  for (const runnerId of ['web-1', 'web-2']) {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/namespaces/acme/drains',
      payload: { runnerId, deadlineSeconds: 60 },
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.statusCode).toBe(201);
  }
});

afterAll(async () => {
  stopRelay.abort();
  await relay;
  await app?.close();
  await projector?.stop();
});

describe('GET /v1/namespaces/:ns/drains', () => {
  it('shows each operator drain as requested until its notice is sent, with who asked and the time left', async () => {
    now = at(12);
    const { status, body } = await drains();
    expect(status).toBe(200);
    expect(body.drains).toEqual([
      expect.objectContaining({
        runnerId: 'web-1',
        state: 'requested',
        waitingFor: 'drain notice not yet sent',
      }),
      expect.objectContaining({ runnerId: 'web-2', state: 'requested', activeSessions: 2 }),
    ]);
    expect(body.drains[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      namespace: 'acme',
      runnerId: 'web-1',
      pool: 'web',
      version: 1,
      serverId: 'server-1',
      reason: 'operator',
      supersededBy: null,
      requestedBy: 'admin',
      requestedAt: at(10).toISOString(),
      deadline: at(70).toISOString(),
      secondsLeft: 58,
      activeSessions: 0,
      state: 'requested',
      waitingFor: 'drain notice not yet sent',
      stopRequestedAt: null,
      forced: false,
      endedAt: null,
      outcome: null,
    });
  });

  it('shows notified and waiting for sessions once the relay sent the notices', async () => {
    relay = startRunnerCommandRelay({
      db: database.db,
      connectionString: database.url,
      nc: nats.nc,
      prefix: nats.prefix,
      signal: stopRelay.signal,
      logger: silentLogger(),
      lockRetryMs: 100,
    });
    await relayCaughtUp();
    now = at(28);
    expect(await drainOf('web-1')).toMatchObject({
      state: 'notified',
      waitingFor: 'runner is idle; stop due',
    });
    expect(await drainOf('web-2')).toMatchObject({
      state: 'waiting_for_sessions',
      secondsLeft: 42,
      waitingFor: '2 sessions still active; forced stop in 42 s',
    });
  });

  it('shows stopping while the runner is told to stop, then stopped', async () => {
    now = at(30);
    await handlePoolCommand(database.db, command('RequestStop', 'web-1'));
    await relayCaughtUp();
    now = at(42);
    expect(await drainOf('web-1')).toMatchObject({
      state: 'stopping',
      secondsLeft: null,
      waitingFor: 'stop sent 12 s ago; waiting for the runner to disconnect',
    });
    await handlePoolCommand(database.db, command('DisconnectRunner', 'web-1'));
    expect(await drainOf('web-1')).toMatchObject({
      state: 'stopped',
      waitingFor: null,
      endedAt: at(42).toISOString(),
      outcome: 'stopped once idle (runner said: bye)',
    });
  });

  it('lists drains in progress first, then finished ones; filters by pool, runner and id', async () => {
    const all = (await drains()).body.drains;
    expect(all.map((row: { runnerId: string; state: string }) => [row.runnerId, row.state])).toEqual([
      ['web-2', 'waiting_for_sessions'],
      ['web-1', 'stopped'],
    ]);
    expect((await drains('?pool=api')).body.drains).toEqual([]);
    expect((await drains('?finishedLimit=0')).body.drains).toHaveLength(1);
    const byId = (await drains(`?id=${all[1].id}`)).body.drains;
    expect(byId.map((row: { runnerId: string }) => row.runnerId)).toEqual(['web-1']);
    now = at(42 + 3601);
    expect((await drains()).body.drains).toHaveLength(1);
    expect((await drains(`?id=${all[1].id},${all[0].id}`)).body.drains).toHaveLength(2);
  });

  it.each([
    ['?finishedLimit=-1', 'querystring/finishedLimit'],
    ['?finishedWithin=soon', 'querystring/finishedWithin'],
    ['?id=first', 'querystring/id/0'],
    ['?runnerId=web.1', 'querystring/runnerId'],
  ])('answers 400 to %s naming %s', async (query, path) => {
    const { status, body } = await drains(query);
    expect(status).toBe(400);
    expect(body.issues.map((issue: { path: string }) => issue.path)).toContain(path);
  });
});
