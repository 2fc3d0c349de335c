import { poolStream } from '@rollcall/contracts';
import { type RecordedEvent, readStream } from '@rollcall/eventlog';
import { handlePoolCommand } from '@rollcall/pool-commands';
import { connectRunner } from '@rollcall/pool-commands/testing';
import type { ServiceHttp } from '@rollcall/service-kit';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../testing/test-app';

const database = useTestDatabase();
const nats = useTestNats();

const TOKEN = 'test-admin-token-0123456789';
const CONFIGURED_AT = new Date('2026-04-01T08:00:00.000Z');
const config = {
  drainOnVersionUpgrade: true,
  drainTimeoutSeconds: 600,
  autoUpgrade: false,
  maxVersionStep: 3,
};

async function poolEvents(namespace: string, pool: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName: poolStream(namespace, pool) }))
    events.push(event);
  return events;
}

describe('PUT /v1/namespaces/:ns/pools/:pool/config', () => {
  let app: ServiceHttp;
  const put = async (url: string, payload: unknown, authorization?: string) => {
    const response = await app.inject({
      method: 'PUT',
      url,
      payload: JSON.stringify(payload),
      headers: {
        'content-type': 'application/json',
        ...(authorization === undefined ? {} : { authorization }),
      },
    });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  };

  beforeAll(async () => {
    app = buildTestApp({ db: database.db, nc: nats.nc, adminToken: TOKEN, clock: () => CONFIGURED_AT });
    await app.ready();
  });
  afterAll(() => app.close());

  describe('authentication', () => {
    it('answers 401 without a token, with another token, or another scheme, and writes nothing', async () => {
      for (const authorization of [undefined, `Bearer ${TOKEN}x`, 'Bearer short', `Basic ${TOKEN}`, TOKEN]) {
        const { status, body, headers } = await put(
          '/v1/namespaces/acme/pools/auth/config',
          config,
          authorization,
        );
        expect({ authorization, status }).toEqual({ authorization, status: 401 });
        expect(body.error).toBe('unauthorized');
        expect(headers['www-authenticate']).toBe('Bearer realm="rollcall"');
      }
      expect(await poolEvents('acme', 'auth')).toEqual([]);
    });

    it('checks the token before the body: a bad body without a token is 401, not 400', async () => {
      const { status } = await put('/v1/namespaces/acme/pools/auth/config', { drainTimeoutSeconds: 'x' });
      expect(status).toBe(401);
    });

    it('refuses every write when no admin token is configured', async () => {
      const closed = buildTestApp({ db: database.db, nc: nats.nc });
      const response = await closed.inject({
        method: 'PUT',
        url: '/v1/namespaces/acme/pools/auth/config',
        payload: config,
        headers: { authorization: 'Bearer anything-at-all-here' },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().message).toContain('ROLLCALL_ADMIN_TOKEN');
      await closed.close();
    });
  });

  describe('a bad request', () => {
    const cases: [string, unknown, string][] = [
      [
        '/v1/namespaces/acme/pools/web/config',
        { ...config, drainTimeoutSeconds: 0 },
        'body/drainTimeoutSeconds',
      ],
      [
        '/v1/namespaces/acme/pools/web/config',
        { ...config, drainTimeoutSeconds: 1.5 },
        'body/drainTimeoutSeconds',
      ],
      ['/v1/namespaces/acme/pools/web/config', { ...config, autoUpgrade: 'yes' }, 'body/autoUpgrade'],
      ['/v1/namespaces/acme/pools/web/config', { ...config, maxVersionStep: 0 }, 'body/maxVersionStep'],
      [
        '/v1/namespaces/acme/pools/web/config',
        { drainTimeoutSeconds: 60, autoUpgrade: false },
        'body/drainOnVersionUpgrade',
      ],
      ['/v1/namespaces/acme/pools/no.dots/config', config, 'params/pool'],
      ['/v1/namespaces/no+plus/pools/web/config', config, 'params/ns'],
    ];
    it.each(cases)('%s %j answers 400 naming %s', async (url, body, path) => {
      const response = await put(url, body, `Bearer ${TOKEN}`);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('invalid_request');
      expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(path);
    });

    it('names a field it does not know, so a misspelt setting is not silently dropped', async () => {
      const response = await put(
        '/v1/namespaces/acme/pools/web/config',
        { ...config, drainTimeout: 60 },
        `Bearer ${TOKEN}`,
      );
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('drainTimeout');
    });
  });

  describe('with the admin token', () => {
    it('records PoolConfigured with the operator as actor and answers the new pool view', async () => {
      await handlePoolCommand(database.db, connectRunner('acme', 'web', { runnerId: 'web-1', version: 4 }));
      const { status, body } = await put('/v1/namespaces/acme/pools/web/config', config, `Bearer ${TOKEN}`);
      expect(status).toBe(200);
      expect(body).toEqual({
        namespace: 'acme',
        pool: 'web',
        config,
        latestVersion: null,
        draining: false,
        versionsInService: [{ version: 4, runners: 1, draining: 0 }],
        catalog: [],
      });

      const events = await poolEvents('acme', 'web');
      expect(events.map((event) => event.type)).toEqual(['RunnerConnected', 'PoolConfigured']);
      const configured = events[1];
      expect(configured?.data).toEqual({ namespace: 'acme', pool: 'web', ...config, configuredBy: 'admin' });
      expect(configured?.metadata).toMatchObject({ actor: 'admin', correlationId: expect.any(String) });
    });

    it('records nothing when the same config is put again', async () => {
      const { status, body } = await put('/v1/namespaces/acme/pools/web/config', config, `Bearer ${TOKEN}`);
      expect(status).toBe(200);
      expect(body.config).toEqual(config);
      expect(await poolEvents('acme', 'web')).toHaveLength(2);
    });

    it('configures a pool no runner joined yet, maxVersionStep defaulting to 10', async () => {
      const { maxVersionStep: _left, ...withoutStep } = config;
      const { status, body } = await put(
        '/v1/namespaces/acme/pools/fresh/config',
        withoutStep,
        `Bearer ${TOKEN}`,
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({
        pool: 'fresh',
        config: { ...withoutStep, maxVersionStep: 10 },
        versionsInService: [],
      });
      const [configured] = await poolEvents('acme', 'fresh');
      expect(configured).toMatchObject({
        type: 'PoolConfigured',
        streamVersion: 1n,
        metadata: { actor: 'admin' },
      });
    });

    it('reads the config back from the pool stream on GET, and null for a pool never configured', async () => {
      const configured = await app.inject({
        method: 'GET',
        url: '/v1/namespaces/acme/pools/web/config',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(configured.statusCode).toBe(200);
      expect(configured.json()).toMatchObject({ namespace: 'acme', pool: 'web', config });

      const never = await app.inject({
        method: 'GET',
        url: '/v1/namespaces/acme/pools/nobody/config',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(never.json()).toMatchObject({ pool: 'nobody', config: null, versionsInService: [] });
    });

    it('shows the change on GET /v1/events with the actor', async () => {
      const response = await app.inject({ method: 'GET', url: '/v1/events?type=PoolConfigured' });
      const entries = response.json().events;
      expect(entries.map((entry: { stream: string }) => entry.stream)).toEqual([
        'pool-acme+web',
        'pool-acme+fresh',
      ]);
      expect(entries[0].metadata.actor).toBe('admin');
    });
  });
});
