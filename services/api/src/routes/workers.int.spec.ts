import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../testing/use-seeded-app';

const database = useTestDatabase();
const nats = useTestNats();

describe('the worker map over HTTP', () => {
  const seeded = useSeededApp(database, nats);
  const get = async (url: string) => {
    const response = await seeded.app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };
  const runnerIds = async (query: string) => {
    const { status, body } = await get(`/v1/namespaces/acme/workers${query}`);
    expect(status).toBe(200);
    return body.workers.map((worker: { runnerId: string }) => worker.runnerId);
  };

  describe('GET /v1/namespaces/:ns/workers', () => {
    it('lists the namespace’s runners by pool then runner id, as contract rows', async () => {
      const { body } = await get('/v1/namespaces/acme/workers');
      expect(body.workers.map((w: { runnerId: string }) => w.runnerId)).toEqual([
        'api-1',
        'web-1',
        'web-2',
        'web-3',
      ]);
      expect(body.at).toBeUndefined();
      const web1 = body.workers[1];
      expect(web1).toEqual({
        runnerId: 'web-1',
        namespace: 'acme',
        pool: 'web',
        version: 1,
        build: 'b1',
        serverId: 'server-1',
        labels: { zone: 'a' },
        slots: 2,
        status: 'draining',
        draining: true,
        available: false,
        activeSessions: 0,
        idleSince: '2026-03-01T12:00:00.000Z',
        startedAt: '2026-03-01T12:00:00.000Z',
        lastSeenAt: '2026-03-01T12:00:00.000Z',
        drain: {
          reason: 'version_upgrade',
          supersededBy: 2,
          requestedAt: '2026-03-01T12:00:00.000Z',
          deadline: '2026-03-01T12:05:00.000Z',
          requestedBy: 'rollcall',
        },
      });
      expect(body.workers[3]).toMatchObject({
        runnerId: 'web-3',
        status: 'active',
        available: true,
        activeSessions: 1,
      });
    });

    it('filters by pool, availability, server and status', async () => {
      expect(await runnerIds('?pool=web')).toEqual(['web-1', 'web-2', 'web-3']);
      expect(await runnerIds('?available=true')).toEqual(['api-1', 'web-3']);
      expect(await runnerIds('?available=false')).toEqual(['web-1', 'web-2']);
      expect(await runnerIds('?serverId=server-2')).toEqual(['web-2', 'web-3']);
      expect(await runnerIds('?status=draining')).toEqual(['web-1', 'web-2']);
      expect(await runnerIds('?pool=web&available=true&serverId=server-2&status=active')).toEqual(['web-3']);
      expect(await runnerIds('?pool=nope')).toEqual([]);
    });

    it('keeps namespaces apart', async () => {
      const { body } = await get('/v1/namespaces/other/workers');
      expect(body.workers.map((w: { runnerId: string }) => w.runnerId)).toEqual(['web-9']);
      expect((await get('/v1/namespaces/empty/workers')).body).toEqual({ workers: [] });
    });

    it('answers 400 naming the parameter for a bad filter or namespace', async () => {
      const cases: [string, string][] = [
        ['/v1/namespaces/acme/workers?status=gone', 'querystring/status'],
        ['/v1/namespaces/acme/workers?available=maybe', 'querystring/available'],
        ['/v1/namespaces/acme/workers?pool=no.dots', 'querystring/pool'],
        ['/v1/namespaces/acme/workers?serverId=', 'querystring/serverId'],
        ['/v1/namespaces/acme/workers?at=yesterday', 'querystring/at'],
        ['/v1/namespaces/acme/workers?at=-1', 'querystring/at'],
        ['/v1/namespaces/no.dots/workers', 'params/ns'],
      ];
      for (const [url, path] of cases) {
        const { status, body } = await get(url);
        expect({ url, status }).toEqual({ url, status: 400 });
        expect(body.issues.map((issue: { path: string }) => issue.path)).toContain(path);
      }
    });
  });

  describe('GET /v1/namespaces/:ns/workers?at=', () => {
    it('shows the map as it was at a past log position: before the upgrade nothing was draining', async () => {
      const { status, body } = await get(`/v1/namespaces/acme/workers?at=${seeded.beforeUpgrade}`);
      expect(status).toBe(200);
      expect(body.at).toBe(seeded.beforeUpgrade.toString());
      expect(
        body.workers.map((w: { runnerId: string; status: string; available: boolean }) => [
          w.runnerId,
          w.status,
          w.available,
        ]),
      ).toEqual([
        ['api-1', 'active', true],
        ['web-1', 'active', true],
        ['web-2', 'active', true],
      ]);
    });

    it('applies the filters to the past map too', async () => {
      expect(await runnerIds(`?at=${seeded.beforeUpgrade}&pool=web&serverId=server-2`)).toEqual(['web-2']);
      expect(await runnerIds(`?at=${seeded.beforeUpgrade}&status=draining`)).toEqual([]);
    });

    it('at the head equals the live map', async () => {
      const head = await seeded.projector.caughtUp();
      const past = await get(`/v1/namespaces/acme/workers?at=${head}`);
      const live = await get('/v1/namespaces/acme/workers');
      expect(past.body.workers).toEqual(live.body.workers);
    });

    it('takes an ISO time: the last position recorded at or before it', async () => {
      const { body } = await get('/v1/namespaces/acme/workers?at=2000-01-01T00:00:00Z');
      expect(body).toEqual({ workers: [], at: '0' });
      const now = await get(
        `/v1/namespaces/acme/workers?at=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      );
      expect(now.body.workers).toHaveLength(4);
    });
  });

  describe('GET /v1/namespaces/:ns/workers/:runnerId', () => {
    it('answers one row', async () => {
      const { status, body } = await get('/v1/namespaces/acme/workers/web-3');
      expect(status).toBe(200);
      expect(body).toMatchObject({ runnerId: 'web-3', pool: 'web', version: 2, slots: 2, drain: null });
    });

    it('answers 404 naming the runner it does not know (in that namespace)', async () => {
      for (const url of ['/v1/namespaces/acme/workers/ghost', '/v1/namespaces/acme/workers/web-9']) {
        const { status, body } = await get(url);
        expect(status).toBe(404);
        expect(body).toMatchObject({ error: 'runner_not_found', namespace: 'acme' });
        expect(body.message).toContain(body.runnerId);
      }
      expect((await get('/v1/namespaces/acme/workers/ghost')).body.runnerId).toBe('ghost');
    });

    it('answers 400 naming a bad runner id', async () => {
      const { status, body } = await get(`/v1/namespaces/acme/workers/${'x'.repeat(65)}`);
      expect(status).toBe(400);
      expect(body.issues[0].path).toBe('params/runnerId');
    });
  });
});
