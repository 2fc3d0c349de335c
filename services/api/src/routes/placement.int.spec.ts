import type { RequestDrain } from '@rollcall/domain';
import { handlePoolCommand } from '@rollcall/pool-commands';
import { NOW } from '@rollcall/pool-commands/testing';
import { recordLiveness } from '@rollcall/projections';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../testing/use-seeded-app';

const database = useTestDatabase();
const nats = useTestNats();

describe('GET /v1/namespaces/:ns/placement', () => {
  const seeded = useSeededApp(database, nats);
  const place = async (query: string) => {
    const response = await seeded.app.inject({ method: 'GET', url: `/v1/namespaces/acme/placement${query}` });
    return { status: response.statusCode, body: response.json() };
  };

  it('picks an available runner with a free slot, never a draining one', async () => {
    const { status, body } = await place('?pool=web');
    expect(status).toBe(200);
    expect(body).toMatchObject({ runnerId: 'web-3', available: true, activeSessions: 1, slots: 2 });
  });

  it('answers 409 saying why when the pool is known but no runner can take a session', async () => {
    // A heartbeat reporting a second session fills web-3 (heartbeats are liveness, not events).
    await recordLiveness(database.db, [
      {
        namespace: 'acme',
        runnerId: 'web-3',
        pool: 'web',
        activeSessions: 2,
        seenAt: new Date(NOW.getTime() + 60_000),
      },
    ]);
    const { status, body } = await place('?pool=web');
    expect(status).toBe(409);
    expect(body).toEqual({
      error: 'no_runner_available',
      message:
        'pool web in namespace acme has no runner that can take a session: 1 active with every slot taken, 2 draining',
    });
  });

  it('leaves out a runner whose drain is in the log but not yet in the worker map', async () => {
    await seeded.projector.stop();
    const drain: RequestDrain = {
      type: 'RequestDrain',
      data: {
        namespace: 'acme',
        pool: 'api',
        target: { by: 'runnerIds', runnerIds: ['api-1'] },
        reason: 'operator',
        deadlineSeconds: 60,
      },
      metadata: { now: NOW, actor: 'alice' },
    };
    await handlePoolCommand(database.db, drain);
    const { status, body } = await place('?pool=api');
    expect(status).toBe(409);
    expect(body.message).toContain('1 with a drain or stop just recorded');
    await seeded.restartProjector();
    expect((await place('?pool=api')).body.message).toContain('1 draining');
  });

  it('answers 404 for a pool the namespace does not know', async () => {
    const { status, body } = await place('?pool=ghost');
    expect(status).toBe(404);
    expect(body.error).toBe('pool_not_found');
    expect(body.message).toContain('ghost');
  });

  it('answers 400 naming the missing or bad pool', async () => {
    for (const query of ['', '?pool=', '?pool=a.b']) {
      const { status, body } = await place(query);
      expect(status).toBe(400);
      expect(body.issues[0].path).toBe('querystring/pool');
    }
  });
});
