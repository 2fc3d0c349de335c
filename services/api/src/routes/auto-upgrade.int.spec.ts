import { settingsStream } from '@rollcall/contracts';
import { type RecordedEvent, readStream } from '@rollcall/eventlog';
import type { ServiceHttp } from '@rollcall/service-kit';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../testing/test-app';

const database = useTestDatabase();
const nats = useTestNats();

const TOKEN = 'test-admin-token-0123456789';
const BEARER = `Bearer ${TOKEN}`;
const NOW = new Date('2026-03-01T12:00:00.000Z');
const GLOBAL = '/v1/auto-upgrade';
const ACME = '/v1/namespaces/acme/auto-upgrade';

let app: ServiceHttp;

async function request(method: 'GET' | 'PUT', url: string, payload?: unknown, authorization = BEARER) {
  const response = await app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    headers: {
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...(authorization === '' ? {} : { authorization }),
    },
  });
  return { status: response.statusCode, body: response.json() };
}

async function settingsEvents(): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName: settingsStream() })) events.push(event);
  return events;
}

const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((issue) => issue.path);

beforeAll(async () => {
  app = buildTestApp({ db: database.db, nc: nats.nc, adminToken: TOKEN, clock: () => NOW });
  await app.ready();
});
afterAll(() => app.close());

describe('GET /v1/auto-upgrade', () => {
  it('shows automatic rollouts on everywhere before anyone switched them', async () => {
    expect(await request('GET', GLOBAL)).toEqual({ status: 200, body: { global: true, namespaces: {} } });
  });
});

describe('PUT /v1/auto-upgrade', () => {
  it('switches the global switch off: 200 with every switch, AutoUpgradeSwitched recorded with the actor', async () => {
    const reply = await request('PUT', GLOBAL, { enabled: false, reason: 'release freeze' });
    expect(reply).toEqual({ status: 200, body: { global: false, namespaces: {} } });
    const [event] = await settingsEvents();
    expect(event).toMatchObject({
      type: 'AutoUpgradeSwitched',
      data: { scope: 'global', enabled: false, reason: 'release freeze', by: 'admin', at: NOW.toISOString() },
      metadata: { actor: 'admin', correlationId: expect.any(String) },
    });
  });

  it('answers the same and records nothing when the switch already is where it is asked to be', async () => {
    const before = (await settingsEvents()).length;
    expect(await request('PUT', GLOBAL, { enabled: false })).toEqual({
      status: 200,
      body: { global: false, namespaces: {} },
    });
    expect(await settingsEvents()).toHaveLength(before);
  });

  it('answers 400 naming the field for a missing, mistyped or misspelt enabled, or an empty reason', async () => {
    const before = (await settingsEvents()).length;
    expect(issuePaths((await request('PUT', GLOBAL, {})).body)).toContain('body/enabled');
    const mistyped = await request('PUT', GLOBAL, { enabled: 'no' });
    expect(mistyped.status).toBe(400);
    expect(issuePaths(mistyped.body)).toContain('body/enabled');
    const misspelt = await request('PUT', GLOBAL, { enabled: true, enabeld: true });
    expect(misspelt.status).toBe(400);
    expect(JSON.stringify(misspelt.body)).toContain('enabeld');
    expect(issuePaths((await request('PUT', GLOBAL, { enabled: true, reason: '' })).body)).toContain(
      'body/reason',
    );
    expect(await settingsEvents()).toHaveLength(before);
  });

  it('answers 401 without a token or with a wrong one, and records nothing', async () => {
    const before = (await settingsEvents()).length;
    expect((await request('PUT', GLOBAL, { enabled: true }, '')).status).toBe(401);
    expect((await request('PUT', GLOBAL, { enabled: true }, 'Bearer nope')).status).toBe(401);
    expect(await settingsEvents()).toHaveLength(before);
  });
});

describe('GET and PUT /v1/namespaces/:ns/auto-upgrade', () => {
  it("switches one namespace's switch, apart from the global one, and GET shows both", async () => {
    expect(await request('PUT', ACME, { enabled: false })).toEqual({
      status: 200,
      body: { namespace: 'acme', global: false, enabled: false },
    });
    expect(await request('PUT', GLOBAL, { enabled: true })).toEqual({
      status: 200,
      body: { global: true, namespaces: { acme: false } },
    });
    expect((await settingsEvents()).at(-2)).toMatchObject({
      type: 'AutoUpgradeSwitched',
      data: { scope: 'namespace', namespace: 'acme', enabled: false, by: 'admin' },
    });
    expect(await request('GET', GLOBAL)).toEqual({
      status: 200,
      body: { global: true, namespaces: { acme: false } },
    });
    expect(await request('GET', ACME)).toEqual({
      status: 200,
      body: { namespace: 'acme', global: true, enabled: false },
    });
  });

  it('records nothing for a namespace never switched that is switched on: it already is', async () => {
    const before = (await settingsEvents()).length;
    const reply = await request('PUT', '/v1/namespaces/globex/auto-upgrade', { enabled: true });
    expect(reply).toEqual({ status: 200, body: { namespace: 'globex', global: true, enabled: true } });
    expect((await request('GET', GLOBAL)).body).toEqual({ global: true, namespaces: { acme: false } });
    expect(await settingsEvents()).toHaveLength(before);
  });

  it('answers 400 naming params/ns for a namespace that is no identifier, and body/enabled', async () => {
    const before = (await settingsEvents()).length;
    const badNamespace = await request('PUT', '/v1/namespaces/a.b/auto-upgrade', { enabled: false });
    expect(badNamespace.status).toBe(400);
    expect(issuePaths(badNamespace.body)).toContain('params/ns');
    const badRead = await request('GET', '/v1/namespaces/a.b/auto-upgrade');
    expect(badRead.status).toBe(400);
    expect(issuePaths(badRead.body)).toContain('params/ns');
    const badBody = await request('PUT', ACME, { enabled: 0 });
    expect(badBody.status).toBe(400);
    expect(issuePaths(badBody.body)).toContain('body/enabled');
    expect(await settingsEvents()).toHaveLength(before);
  });

  it('answers 401 without a token, and records nothing', async () => {
    const before = (await settingsEvents()).length;
    expect((await request('PUT', ACME, { enabled: true }, '')).status).toBe(401);
    expect(await settingsEvents()).toHaveLength(before);
  });
});
