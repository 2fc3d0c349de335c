import { Writable } from 'node:stream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectBus } from '@rollcall/bus';
import { createEventLogDb, type EventLogDatabase } from '@rollcall/eventlog';
import { createLogger, createMetrics, type ServiceHttp } from '@rollcall/service-kit';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';

const database = useTestDatabase();
const nats = useTestNats();
const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

describe('the api app against real Postgres and NATS', () => {
  // Its own pool and connection, wired like main.ts does, so the test can take them down.
  let db: Kysely<EventLogDatabase>;
  let nc: NatsConnection;
  let app: ServiceHttp;

  beforeAll(async () => {
    const logger = createLogger({ service: 'api', destination: silent });
    db = createEventLogDb({ connectionString: database.url, max: 2, applicationName: 'api-test' });
    nc = await connectBus({ url: nats.url, name: `${nats.prefix}-api`, logger });
    app = buildApp({ db, nc, logger, metrics: createMetrics({ service: 'api' }) });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    if (!nc.isClosed()) await nc.drain();
    await db.destroy();
  });

  it('is alive', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('serves its metrics labelled with the service', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('nodejs_heap_size_used_bytes{service="api"}');
  });

  it('is ready while Postgres and NATS answer, and 503 naming Postgres once its pool is gone', async () => {
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: [
        { name: 'postgres', ok: true },
        { name: 'nats', ok: true },
      ],
    });

    await db.destroy();
    const notReady = await app.inject({ method: 'GET', url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toEqual({
      status: 'not_ready',
      checks: [
        { name: 'postgres', ok: false, error: expect.any(String) },
        { name: 'nats', ok: true },
      ],
    });
  });

  it('is not ready once the NATS connection is closed', async () => {
    await nc.close();
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json().checks).toContainEqual({ name: 'nats', ok: false, error: 'connection closed' });
  });
});
