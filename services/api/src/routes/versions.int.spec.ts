import { poolStream } from '@rollcall/contracts';
import { type RecordedEvent, readStream } from '@rollcall/eventlog';
import { migrateReadModels } from '@rollcall/projections';
import type { ServiceHttp } from '@rollcall/service-kit';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTestProjector, type TestProjector } from '../testing/read-models';
import { buildTestApp } from '../testing/test-app';

const database = useTestDatabase();
const nats = useTestNats();

const TOKEN = 'test-admin-token-0123456789';
const BEARER = `Bearer ${TOKEN}`;
const NOW = new Date('2026-03-01T12:00:00.000Z');
const VERSIONS = '/v1/namespaces/acme/pools/web/versions';

let app: ServiceHttp;
let projector: TestProjector;

async function post(url: string, payload: unknown, authorization: string | null = BEARER) {
  const response = await app.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(payload),
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
  });
  return { status: response.statusCode, body: response.json() };
}

async function get(url: string) {
  await projector.caughtUp();
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() };
}

async function poolEvents(pool = 'web'): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName: poolStream('acme', pool) }))
    events.push(event);
  return events;
}

const v1 = { version: 1, build: 'b1', artifact: 'oci://web:1', digest: 'sha256:abc123' };
const v1Entry = {
  version: 1,
  build: 'b1',
  artifact: 'oci://web:1',
  digest: 'sha256:abc123',
  publishedAt: NOW.toISOString(),
  publishedBy: 'admin',
  yanked: false,
};

beforeAll(async () => {
  await migrateReadModels(database.db);
  projector = runTestProjector(database.db, database.url);
  app = buildTestApp({ db: database.db, nc: nats.nc, adminToken: TOKEN, clock: () => NOW });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await projector.stop();
});

describe('POST /v1/namespaces/:ns/pools/:pool/versions', () => {
  it('publishes a version: 201 with the entry, VersionPublished recorded with the actor', async () => {
    const reply = await post(VERSIONS, { ...v1, notes: 'first' });
    expect(reply).toEqual({ status: 201, body: v1Entry });
    const [event] = await poolEvents();
    expect(event).toMatchObject({
      type: 'VersionPublished',
      data: { ...v1, notes: 'first', publishedBy: 'admin', publishedAt: NOW.toISOString() },
      metadata: { actor: 'admin', correlationId: expect.any(String) },
    });
  });

  it('answers 200 unchanged to the same entry again, and appends nothing', async () => {
    const before = (await poolEvents()).length;
    expect(await post(VERSIONS, v1)).toEqual({ status: 200, body: v1Entry });
    expect(await poolEvents()).toHaveLength(before);
  });

  it('answers 409 naming the stored artifact when the same version comes with another one', async () => {
    const before = (await poolEvents()).length;
    const reply = await post(VERSIONS, { ...v1, artifact: 'oci://web:other' });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({
      error: 'version_conflict',
      version: 1,
      published: { artifact: 'oci://web:1', build: 'b1', digest: 'sha256:abc123' },
    });
    expect(reply.body.message).toContain('oci://web:1');
    expect(await poolEvents()).toHaveLength(before);
  });

  it.each([0, -3, 1.5, 2_147_483_648, '7'])(
    'answers 400 naming body/version for version %s',
    async (version) => {
      const reply = await post(VERSIONS, { ...v1, version });
      expect(reply.status).toBe(400);
      expect(reply.body.issues.map((issue: { path: string }) => issue.path)).toContain('body/version');
    },
  );

  it('answers 400 naming an unknown field, a missing artifact and a bad digest', async () => {
    const before = (await poolEvents()).length;
    const unknown = await post(VERSIONS, { ...v1, version: 9, artefact: 'x' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('artefact');
    const { artifact: _artifact, ...noArtifact } = v1;
    const missing = await post(VERSIONS, { ...noArtifact, version: 9 });
    expect(missing.body.issues.map((issue: { path: string }) => issue.path)).toContain('body/artifact');
    const digest = await post(VERSIONS, { ...v1, version: 9, digest: 'md5' });
    expect(digest.body.issues.map((issue: { path: string }) => issue.path)).toContain('body/digest');
    expect(await poolEvents()).toHaveLength(before);
  });

  it('answers 401 without a token or with a wrong one, and records nothing', async () => {
    const before = (await poolEvents()).length;
    expect((await post(VERSIONS, { ...v1, version: 8 }, null)).status).toBe(401);
    expect((await post(VERSIONS, { ...v1, version: 8 }, 'Bearer nope')).status).toBe(401);
    expect(await poolEvents()).toHaveLength(before);
  });
});

describe('GET /v1/namespaces/:ns/pools/:pool/versions', () => {
  it('lists the catalog ascending with who published it and when', async () => {
    await post(VERSIONS, { version: 3, build: 'b3', artifact: 'oci://web:3' });
    const reply = await get(VERSIONS);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      namespace: 'acme',
      pool: 'web',
      versions: [v1Entry, { ...v1Entry, version: 3, build: 'b3', artifact: 'oci://web:3', digest: null }],
    });
  });

  it('answers 404 naming an unknown pool', async () => {
    const reply = await get('/v1/namespaces/acme/pools/nowhere/versions');
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ error: 'pool_not_found', namespace: 'acme', pool: 'nowhere' });
    expect(reply.body.message).toContain('nowhere');
  });
});

describe('POST /v1/namespaces/:ns/pools/:pool/versions/:version/yank', () => {
  it('marks the version yanked: 200 with the entry, VersionYanked recorded with the actor, shown in GET', async () => {
    const reply = await post(`${VERSIONS}/3/yank`, { reason: 'crashes on boot' });
    expect(reply).toMatchObject({ status: 200, body: { version: 3, yanked: true } });
    expect((await poolEvents()).at(-1)).toMatchObject({
      type: 'VersionYanked',
      data: { version: 3, reason: 'crashes on boot', at: NOW.toISOString() },
      metadata: { actor: 'admin' },
    });
    const events = (await poolEvents()).length;
    expect(await post(`${VERSIONS}/3/yank`, { reason: 'again' })).toEqual(reply);
    expect(await poolEvents()).toHaveLength(events);
    const catalog = await get(VERSIONS);
    expect(catalog.body.versions.map((entry: { yanked: boolean }) => entry.yanked)).toEqual([false, true]);
  });

  it('answers 404 naming an unpublished version, and one of an unknown pool', async () => {
    const reply = await post(`${VERSIONS}/2/yank`, { reason: 'never was' });
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ error: 'version_not_found', pool: 'web', version: 2 });
    const unknownPool = await post('/v1/namespaces/acme/pools/nowhere/versions/1/yank', { reason: 'x' });
    expect(unknownPool.status).toBe(404);
    expect(unknownPool.body).toMatchObject({ pool: 'nowhere', version: 1 });
  });

  it('answers 400 naming a bad version in the path or a missing reason, and 401 without a token', async () => {
    const zero = await post(`${VERSIONS}/0/yank`, { reason: 'x' });
    expect(zero.status).toBe(400);
    expect(zero.body.issues[0].path).toBe('params/version');
    const noReason = await post(`${VERSIONS}/1/yank`, {});
    expect(noReason.body.issues[0].path).toBe('body/reason');
    expect((await post(`${VERSIONS}/1/yank`, { reason: 'x' }, null)).status).toBe(401);
    expect((await poolEvents()).filter((event) => event.type === 'VersionYanked')).toHaveLength(1);
  });
});
