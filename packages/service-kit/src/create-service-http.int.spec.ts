import { Writable } from 'node:stream';
import { useTestDatabase } from '@rollcall/testkit';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from './create-logger';
import { createMetrics } from './create-metrics';
import { createServiceHttp } from './create-service-http';
import { postgresReadiness } from './postgres-readiness';

const database = useTestDatabase();
const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

// A pool of its own (not the test database's), so the test can destroy it and watch readiness fail.
function setup(connectionString: string) {
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: 2 }) }),
  });
  const logger = createLogger({ service: 'kit-test', destination: silent });
  const app = createServiceHttp({
    logger,
    metrics: createMetrics({ service: 'kit-test' }),
    readiness: [postgresReadiness(db, { connectionString })],
  });
  app.post(
    '/echo',
    { schema: { body: z.object({ version: z.number().int().min(1) }) } },
    async (request) => request.body,
  );
  return { db, app };
}

describe('createServiceHttp', () => {
  let service: ReturnType<typeof setup>;
  beforeAll(() => {
    service = setup(database.url);
  });
  afterAll(async () => {
    await service.app.close();
    await service.db.destroy().catch(() => {});
  });

  it('answers /healthz while the process lives', async () => {
    const response = await service.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('serves Prometheus text on /metrics', async () => {
    const response = await service.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('process_cpu_user_seconds_total{service="kit-test"}');
  });

  it("answers with a UUID correlation id, or the caller's X-Request-Id when it is a plausible id", async () => {
    const generated = await service.app.inject({ method: 'GET', url: '/healthz' });
    expect(generated.headers['x-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );

    const kept = await service.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'trace-42' },
    });
    expect(kept.headers['x-request-id']).toBe('trace-42');

    const replaced = await service.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'not an id; drop table' },
    });
    expect(replaced.headers['x-request-id']).not.toBe('not an id; drop table');
  });

  it('answers 400 with the zod issue path on a route that declares a schema', async () => {
    const response = await service.app.inject({ method: 'POST', url: '/echo', payload: { version: 0 } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'invalid_request',
      issues: [{ path: 'body/version', code: 'too_small' }],
    });
    const ok = await service.app.inject({ method: 'POST', url: '/echo', payload: { version: 2 } });
    expect(ok.json()).toEqual({ version: 2 });
  });

  it('is ready while Postgres answers, and 503 naming the check once it does not', async () => {
    const ready = await service.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: [{ name: 'postgres', ok: true }] });

    await service.db.destroy();
    const notReady = await service.app.inject({ method: 'GET', url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({
      status: 'not_ready',
      checks: [{ name: 'postgres', ok: false, error: expect.any(String) }],
    });
  });
});
