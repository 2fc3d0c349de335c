import { headPosition } from '@rollcall/eventlog';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../testing/use-seeded-app';

const database = useTestDatabase();
const nats = useTestNats();

describe('the dashboard reads over the seeded fleet', () => {
  const seeded = useSeededApp(database, nats);

  it('GET /v1/namespaces lists every namespace with a pool or a runner, by name', async () => {
    const response = await seeded.app.inject({ method: 'GET', url: '/v1/namespaces' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ namespaces: ['acme', 'other'] });
  });

  it('GET /v1/events/head answers the highest committed position as a decimal string', async () => {
    const response = await seeded.app.inject({ method: 'GET', url: '/v1/events/head' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ position: (await headPosition(database.db)).toString() });
    expect(BigInt(response.json<{ position: string }>().position)).toBeGreaterThan(seeded.beforeUpgrade);
  });
});
