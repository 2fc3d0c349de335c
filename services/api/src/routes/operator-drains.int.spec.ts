import { poolStream, runnerCommandSubject } from '@rollcall/contracts';
import { startRunnerCommandRelay } from '@rollcall/drainer';
import { type RecordedEvent, readAll, readStream } from '@rollcall/eventlog';
import { handlePoolCommand } from '@rollcall/pool-commands';
import { configurePool, connectRunner, NOW } from '@rollcall/pool-commands/testing';
import type { ServiceHttp } from '@rollcall/service-kit';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTestProjector, type TestProjector } from '../testing/read-models';
import { buildTestApp, silentLogger } from '../testing/test-app';

const database = useTestDatabase();
const nats = useTestNats();

const TOKEN = 'test-admin-token-0123456789';
const BEARER = `Bearer ${TOKEN}`;
const REQUESTED_AT = new Date('2026-03-01T12:10:00.000Z');
const secondsLater = (seconds: number) => new Date(REQUESTED_AT.getTime() + seconds * 1000).toISOString();

let app: ServiceHttp;
let projector: TestProjector;

async function call(method: 'POST' | 'DELETE', url: string, payload?: unknown, authorization = BEARER) {
  const response = await app.inject({
    method,
    url,
    ...(payload === undefined
      ? {}
      : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json', authorization } }),
    ...(payload === undefined ? { headers: { authorization } } : {}),
  });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

const drain = (payload: unknown, authorization?: string) =>
  call('POST', '/v1/namespaces/acme/drains', payload, authorization);
const undrain = (runnerId: string, authorization?: string) =>
  call('DELETE', `/v1/namespaces/acme/drains/${runnerId}`, undefined, authorization);

async function poolEvents(pool: string, namespace = 'acme'): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName: poolStream(namespace, pool) }))
    events.push(event);
  return events;
}

async function logLength(): Promise<number> {
  let count = 0;
  for await (const _event of readAll(database.db)) count += 1;
  return count;
}

/**
 * acme/web (drain timeout 300 s, no drain on upgrade): web-1 v1 and web-3 v2 on server-1, web-2 v1 on
 * server-2, web-8 stopped on server-8. acme/api (600 s): api-1 v5 on server-1, api-2 v5 on server-2. acme/batch, never configured:
 * batch-1 on server-9. other/web: web-9.
 */
beforeAll(async () => {
  const db = database.db;
  await handlePoolCommand(db, configurePool('acme', 'web', { drainOnVersionUpgrade: false }));
  await handlePoolCommand(db, configurePool('acme', 'api', { drainTimeoutSeconds: 600 }));
  await handlePoolCommand(db, connectRunner('acme', 'web', { runnerId: 'web-1', version: 1 }));
  await handlePoolCommand(
    db,
    connectRunner('acme', 'web', { runnerId: 'web-2', version: 1, serverId: 'server-2' }),
  );
  await handlePoolCommand(db, connectRunner('acme', 'web', { runnerId: 'web-3', version: 2 }));
  await handlePoolCommand(db, connectRunner('acme', 'api', { runnerId: 'api-1', version: 5 }));
  await handlePoolCommand(
    db,
    connectRunner('acme', 'api', { runnerId: 'api-2', version: 5, serverId: 'server-2' }),
  );
  await handlePoolCommand(
    db,
    connectRunner('acme', 'batch', { runnerId: 'batch-1', version: 1, serverId: 'server-9' }),
  );
  await handlePoolCommand(db, connectRunner('other', 'web', { runnerId: 'web-9', version: 1 }));
  await handlePoolCommand(
    db,
    connectRunner('acme', 'web', { runnerId: 'web-8', version: 1, serverId: 'server-8' }),
  );
  await handlePoolCommand(db, {
    type: 'DisconnectRunner',
    data: { namespace: 'acme', pool: 'web', runnerId: 'web-8', reason: 'decommissioned' },
    metadata: { now: NOW, actor: 'web-8' },
  });
  projector = runTestProjector(db, database.url);
  await projector.caughtUp();
  app = buildTestApp({ db, nc: nats.nc, adminToken: TOKEN, clock: () => REQUESTED_AT });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await projector?.stop();
});

describe('authentication', () => {
  it('answers 401 to a drain or an undrain without the operator token, and writes nothing', async () => {
    const before = await logLength();
    for (const authorization of ['', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`]) {
      const drained = await drain({ runnerId: 'web-1' }, authorization);
      expect(drained.status).toBe(401);
      expect(drained.body.error).toBe('unauthorized');
      expect(drained.headers['www-authenticate']).toBe('Bearer realm="rollcall"');
      expect((await undrain('web-1', authorization)).status).toBe(401);
    }
    expect((await drain({ deadlineSeconds: -1 }, '')).status).toBe(401);
    expect(await logLength()).toBe(before);
  });
});

describe('a bad drain request', () => {
  // The body as a whole is named `body/` (service-kit's issue paths end in a slash at the root).
  const cases: [string, unknown, string][] = [
    ['an empty body', {}, 'body/'],
    ['two targets', { runnerId: 'web-1', serverId: 'server-1' }, 'body/serverId'],
    ['a pool without a version', { pool: 'web' }, 'body/version'],
    ['a version without a pool', { version: 1 }, 'body/pool'],
    ['a negative deadline', { runnerId: 'web-1', deadlineSeconds: -5 }, 'body/deadlineSeconds'],
    ['a fractional deadline', { runnerId: 'web-1', deadlineSeconds: 1.5 }, 'body/deadlineSeconds'],
    ['an unknown reason', { runnerId: 'web-1', reason: 'whim' }, 'body/reason'],
    ['a runner id that is no identifier', { runnerId: 'web.1' }, 'body/runnerId'],
    ['a version that is no version', { pool: 'web', version: 0 }, 'body/version'],
    ['a body that is no object', ['web-1'], 'body/'],
  ];
  it.each(cases)('answers 400 to %s naming %s, and writes nothing', async (_case, body, path) => {
    const before = await logLength();
    const { status, body: answer } = await drain(body);
    expect(status).toBe(400);
    expect(answer.error).toBe('invalid_request');
    expect(answer.issues.map((issue: { path: string }) => issue.path)).toContain(path);
    expect(answer.message).toContain(path);
    expect(await logLength()).toBe(before);
  });

  it('says which targets to give when none is given', async () => {
    expect((await drain({ deadlineSeconds: 30 })).body.message).toBe(
      'body/: has no target: give exactly one target: runnerId, serverId, or pool with version',
    );
  });

  it('names a field it does not know, so a misspelt target is not silently ignored', async () => {
    const { status, body } = await drain({ runner: 'web-1' });
    expect(status).toBe(400);
    expect(body.message).toContain('runner');
  });

  it('answers 400 to a body that is missing or is not JSON', async () => {
    const missing = await app.inject({
      method: 'POST',
      url: '/v1/namespaces/acme/drains',
      headers: { authorization: BEARER },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toMatch(/^body/);
    const garbled = await app.inject({
      method: 'POST',
      url: '/v1/namespaces/acme/drains',
      payload: '{"runnerId": ',
      headers: { authorization: BEARER, 'content-type': 'application/json' },
    });
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json().message).toMatch(/JSON/);
  });
});

describe('a drain of something Rollcall does not know', () => {
  it.each([
    [{ runnerId: 'ghost' }, 'runner ghost is not known in namespace acme', { runnerId: 'ghost' }],
    [{ runnerId: 'web-9' }, 'runner web-9 is not known in namespace acme', { runnerId: 'web-9' }],
    [
      { serverId: 'server-404' },
      'no runner is known on server server-404 in namespace acme',
      { serverId: 'server-404' },
    ],
    [
      { pool: 'web', version: 7 },
      'pool web of namespace acme has no runner of version 7',
      { pool: 'web', version: 7 },
    ],
    [
      { pool: 'nowhere', version: 1 },
      'pool nowhere of namespace acme has no runner of version 1',
      { pool: 'nowhere', version: 1 },
    ],
  ])('answers 404 to %j naming it', async (target, message, named) => {
    const before = await logLength();
    const { status, body } = await drain(target);
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'drain_target_not_found', message, namespace: 'acme', ...named });
    expect(await logLength()).toBe(before);
  });
});

describe('a drain in a pool without config', () => {
  it('needs a deadline, and writes nothing until given one', async () => {
    for (const target of [{ runnerId: 'batch-1' }, { serverId: 'server-9' }]) {
      const { status, body } = await drain(target);
      expect(status).toBe(400);
      expect(body.error).toBe('deadline_required');
    }
    expect(await poolEvents('batch')).toHaveLength(1);
  });
});

describe('an operator drain of one runner', () => {
  it('records the drain with the operator as who asked, and answers the drain', async () => {
    const { status, body } = await drain({ runnerId: 'web-1', deadlineSeconds: 120 });
    expect(status).toBe(201);
    const recorded = (await poolEvents('web')).filter((event) => event.type === 'RunnerDrainRequested');
    expect(recorded).toHaveLength(1);
    const [event] = recorded;
    expect(body).toEqual({
      drains: [
        {
          id: event?.globalPosition.toString(),
          namespace: 'acme',
          runnerId: 'web-1',
          pool: 'web',
          version: 1,
          serverId: 'server-1',
          reason: 'operator',
          requestedBy: 'admin',
          requestedAt: REQUESTED_AT.toISOString(),
          deadline: secondsLater(120),
        },
      ],
      unchanged: [],
    });
    expect(event?.data).toMatchObject({ runnerId: 'web-1', requestedBy: 'admin', reason: 'operator' });
    expect(event?.metadata).toMatchObject({ actor: 'admin', correlationId: expect.any(String) });
  });

  it('drains nothing again, and says the runner already drains', async () => {
    const { status, body } = await drain({ runnerId: 'web-1' });
    expect(status).toBe(200);
    expect(body).toEqual({ drains: [], unchanged: [{ runnerId: 'web-1', pool: 'web', status: 'draining' }] });
  });
});

describe('a server drain', () => {
  it("drains the server's runners in every pool, one append per pool, with each pool's deadline", async () => {
    await projector.caughtUp();
    const { status, body } = await drain({ serverId: 'server-1' });
    expect(status).toBe(201);
    expect(body.drains.map((row: { runnerId: string }) => row.runnerId)).toEqual(['api-1', 'web-3']);
    expect(body.drains).toMatchObject([
      { pool: 'api', version: 5, serverId: 'server-1', reason: 'server_drain', deadline: secondsLater(600) },
      { pool: 'web', version: 2, serverId: 'server-1', reason: 'server_drain', deadline: secondsLater(300) },
    ]);
    expect(body.unchanged).toEqual([{ runnerId: 'web-1', pool: 'web', status: 'draining' }]);
    for (const pool of ['api', 'web']) {
      const last = (await poolEvents(pool)).at(-1);
      expect(last).toMatchObject({ type: 'RunnerDrainRequested', metadata: { actor: 'admin' } });
    }
  });

  it('drains nothing on a server whose runners have all stopped', async () => {
    const { status, body } = await drain({ serverId: 'server-8' });
    expect(status).toBe(200);
    expect(body).toEqual({ drains: [], unchanged: [] });
  });
});

describe('a pool-version drain', () => {
  it('drains the runners of that version in that pool only', async () => {
    const { status, body } = await drain({ pool: 'web', version: 1, reason: 'rollout', deadlineSeconds: 30 });
    expect(status).toBe(201);
    expect(body.drains).toMatchObject([
      { runnerId: 'web-2', pool: 'web', version: 1, reason: 'rollout', deadline: secondsLater(30) },
    ]);
    expect(body.unchanged).toEqual([{ runnerId: 'web-1', pool: 'web', status: 'draining' }]);
    expect((await poolEvents('api')).at(-1)?.data).toMatchObject({ runnerId: 'api-1' });
  });
});

describe('an undrain', () => {
  it('records RunnerUndrained with who asked, and the relay sends the runner undrain', async () => {
    const subject = runnerCommandSubject(nats.prefix, 'acme', 'web-2', 'undrain');
    const received = nats.nc.subscribe(subject, { max: 1 });
    await nats.nc.flush();

    const { status, body } = await undrain('web-2');
    expect(status).toBe(200);
    expect(body).toEqual({
      namespace: 'acme',
      runnerId: 'web-2',
      pool: 'web',
      undrained: true,
      status: 'active',
    });
    const last = (await poolEvents('web')).at(-1);
    expect(last).toMatchObject({
      type: 'RunnerUndrained',
      data: { runnerId: 'web-2', requestedBy: 'admin', at: REQUESTED_AT.toISOString() },
      metadata: { actor: 'admin' },
    });

    const stopRelay = new AbortController();
    const relay = startRunnerCommandRelay({
      db: database.db,
      connectionString: database.url,
      nc: nats.nc,
      prefix: nats.prefix,
      signal: stopRelay.signal,
      logger: silentLogger(),
      lockRetryMs: 100,
    });
    try {
      for await (const message of received) {
        expect(message.json()).toEqual({ reason: 'drain cancelled by admin' });
        expect(message.headers?.get('Nats-Msg-Id')).toBe(last?.eventId);
      }
    } finally {
      stopRelay.abort();
      await relay;
    }
  });

  it('changes nothing for a runner that is not draining', async () => {
    const { status, body } = await undrain('web-2');
    expect(status).toBe(200);
    expect(body).toMatchObject({ runnerId: 'web-2', undrained: false, status: 'active' });
  });

  it('answers 409 saying why for a runner whose stop was requested', async () => {
    await handlePoolCommand(database.db, {
      type: 'RequestStop',
      data: { namespace: 'acme', pool: 'web', runnerId: 'web-3', forced: false, reason: 'drain_complete' },
      metadata: { now: NOW, actor: 'drainer' },
    });
    const before = await logLength();
    const { status, body } = await undrain('web-3');
    expect(status).toBe(409);
    expect(body).toEqual({
      error: 'invalid_runner_status',
      message:
        'runner web-3 cannot be undrained: it is stopping (its stop was already requested; a drain can only be cancelled before that)',
      runnerId: 'web-3',
      status: 'stopping',
    });
    expect(await logLength()).toBe(before);
  });

  it('answers 404 naming a runner it does not know', async () => {
    const { status, body } = await undrain('ghost');
    expect(status).toBe(404);
    expect(body).toEqual({
      error: 'runner_not_found',
      message: 'runner ghost is not known in namespace acme',
      namespace: 'acme',
      runnerId: 'ghost',
    });
  });

  it('answers 400 naming a runner id that is no identifier', async () => {
    const { status, body } = await undrain('web.2');
    expect(status).toBe(400);
    expect(body.issues.map((issue: { path: string }) => issue.path)).toEqual(['params/runnerId']);
  });
});
