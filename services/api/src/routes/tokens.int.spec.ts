import { accessStream, poolStream } from '@rollcall/contracts';
import { type RecordedEvent, readStream } from '@rollcall/eventlog';
import type { ServiceHttp } from '@rollcall/service-kit';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../testing/test-app';

const database = useTestDatabase();
const nats = useTestNats();

const ADMIN_TOKEN = 'tokens-test-admin-token-0123456789';
const NOW = new Date('2026-04-01T08:00:00.000Z');
const poolConfig = { drainOnVersionUpgrade: true, drainTimeoutSeconds: 60, autoUpgrade: false };

async function streamEvents(streamName: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName })) events.push(event);
  return events;
}

describe('access tokens: /v1/tokens', () => {
  let app: ServiceHttp;
  // A second api on the same log, as another replica would be: it must see creations and revocations too.
  let replica: ServiceHttp;

  const call = async (
    target: ServiceHttp,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    token: string | null,
    payload?: unknown,
  ) => {
    const response = await target.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      headers: {
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
    });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  };
  const createToken = (body: unknown, token: string | null = ADMIN_TOKEN) =>
    call(app, 'POST', '/v1/tokens', token, body);

  beforeAll(async () => {
    const deps = {
      db: database.db,
      nc: nats.nc,
      adminToken: ADMIN_TOKEN,
      anonymousReads: false,
      clock: () => NOW,
    };
    app = buildTestApp(deps);
    replica = buildTestApp(deps);
    await Promise.all([app.ready(), replica.ready()]);
  });
  afterAll(() => Promise.all([app.close(), replica.close()]));

  it('creates a token, shows its secret once, and keeps only its hash in the log', async () => {
    const created = await createToken({ role: 'operator', namespace: 'acme', name: 'deployer' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      tokenId: expect.any(String),
      token: expect.stringMatching(/^rc_[A-Za-z0-9_-]{43}$/),
      name: 'deployer',
      role: 'operator',
      namespace: 'acme',
      createdBy: 'admin',
      createdAt: NOW.toISOString(),
      revokedAt: null,
      revokedBy: null,
    });

    const [event] = await streamEvents(accessStream());
    expect(event).toMatchObject({
      type: 'AccessTokenCreated',
      data: { tokenId: created.body.tokenId, tokenHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) },
      metadata: { actor: 'admin', correlationId: expect.any(String) },
    });
    // Nowhere in the log, in any form the database can find.
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM events WHERE data::text LIKE ${`%${created.body.token}%`}
        OR metadata::text LIKE ${`%${created.body.token}%`}`.execute(database.db);
    expect(rows[0]?.n).toBe(0);
  });

  it('lets the token act in its namespace as token:<name>, on every replica, and nowhere else', async () => {
    const { body } = await createToken({ role: 'operator', namespace: 'acme', name: 'acme-ops' });
    const configured = await call(
      replica,
      'PUT',
      '/v1/namespaces/acme/pools/web/config',
      body.token,
      poolConfig,
    );
    expect(configured.status).toBe(200);
    const [event] = await streamEvents(poolStream('acme', 'web'));
    expect(event).toMatchObject({
      data: { configuredBy: 'token:acme-ops' },
      metadata: { actor: 'token:acme-ops' },
    });

    const elsewhere = await call(app, 'PUT', '/v1/namespaces/other/pools/web/config', body.token, poolConfig);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.message).toBe(
      'this endpoint is in namespace other; token:acme-ops is scoped to namespace acme',
    );
    expect((await call(app, 'GET', '/v1/namespaces/acme/pools', body.token)).status).toBe(200);
  });

  it('revokes a token: the next request with it gets 401 saying so, on every replica', async () => {
    const { body } = await createToken({ role: 'viewer', name: 'short-lived' });
    expect((await call(replica, 'GET', '/v1/namespaces/acme/pools', body.token)).status).toBe(200);

    const revoked = await call(app, 'DELETE', `/v1/tokens/${body.tokenId}`, ADMIN_TOKEN);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      tokenId: body.tokenId,
      revokedAt: NOW.toISOString(),
      revokedBy: 'admin',
    });

    for (const target of [app, replica]) {
      const refused = await call(target, 'GET', '/v1/namespaces/acme/pools', body.token);
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="rollcall"');
      expect(refused.body).toEqual({
        error: 'unauthorized',
        message: 'the bearer token short-lived was revoked',
      });
    }
    // Revoking again changes nothing and appends nothing.
    const before = (await streamEvents(accessStream())).length;
    expect((await call(app, 'DELETE', `/v1/tokens/${body.tokenId}`, ADMIN_TOKEN)).status).toBe(200);
    expect(await streamEvents(accessStream())).toHaveLength(before);
  });

  it('lists every token, oldest first, without secrets or hashes', async () => {
    const listed = await call(app, 'GET', '/v1/tokens', ADMIN_TOKEN);
    expect(listed.status).toBe(200);
    expect(listed.body.tokens.map((token: { name: string }) => token.name)).toEqual([
      'deployer',
      'acme-ops',
      'short-lived',
    ]);
    expect(JSON.stringify(listed.body)).not.toMatch(/sha256|rc_/);
  });

  it('lets a token created by a token admin act, recording the creating token as createdBy', async () => {
    const { body: admin } = await createToken({ role: 'admin', name: 'second-admin' });
    const created = await createToken({ role: 'viewer', name: 'made-by-token' }, admin.token);
    expect(created.status).toBe(201);
    expect(created.body.createdBy).toBe('token:second-admin');
  });

  it('refuses a name a valid token has, an unknown id, and bad input, naming why', async () => {
    const taken = await createToken({ role: 'viewer', name: 'deployer' });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toContain('already named deployer');
    expect((await call(app, 'DELETE', '/v1/tokens/no-such-token', ADMIN_TOKEN)).status).toBe(404);

    const bad = await createToken({ role: 'root', name: 'x', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('body/role');
  });

  it('is for global admins only: 401 without a token, 403 for operators and namespaced admins', async () => {
    const { body: operator } = await createToken({ role: 'operator', name: 'global-ops' });
    const { body: acmeAdmin } = await createToken({ role: 'admin', namespace: 'acme', name: 'acme-admin' });

    expect((await call(app, 'GET', '/v1/tokens', null)).status).toBe(401);
    const weak = await createToken({ role: 'viewer', name: 'nope' }, operator.token);
    expect(weak.status).toBe(403);
    expect(weak.body.message).toBe(
      'this endpoint needs the admin role or higher; token:global-ops has the operator role',
    );
    const scoped = await call(app, 'GET', '/v1/tokens', acmeAdmin.token);
    expect(scoped.status).toBe(403);
    expect(scoped.body.message).toContain('spans every namespace');
  });
});
