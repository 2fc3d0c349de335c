import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../testing/use-seeded-app';

const database = useTestDatabase();
const nats = useTestNats();

describe('GET /v1/namespaces/:ns/pools', () => {
  const seeded = useSeededApp(database, nats);

  it('lists the pools by name with config, versions in service and draining counts', async () => {
    const response = await seeded.app.inject({ method: 'GET', url: '/v1/namespaces/acme/pools' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      pools: [
        {
          namespace: 'acme',
          pool: 'api',
          config: null,
          latestVersion: null,
          draining: false,
          versionsInService: [{ version: 5, runners: 1, draining: 0 }],
          catalog: [],
        },
        {
          namespace: 'acme',
          pool: 'web',
          config: {
            drainOnVersionUpgrade: true,
            drainTimeoutSeconds: 300,
            autoUpgrade: false,
            maxVersionStep: 10,
          },
          latestVersion: null,
          draining: true,
          versionsInService: [
            { version: 1, runners: 2, draining: 2 },
            { version: 2, runners: 1, draining: 0 },
          ],
          catalog: [],
        },
      ],
    });
  });

  it('answers an empty list for a namespace without pools', async () => {
    const response = await seeded.app.inject({ method: 'GET', url: '/v1/namespaces/nobody/pools' });
    expect(response.json()).toEqual({ pools: [] });
  });

  it('answers 400 naming a bad namespace', async () => {
    const response = await seeded.app.inject({ method: 'GET', url: '/v1/namespaces/a%20b/pools' });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].path).toBe('params/ns');
  });
});
