import { handlePoolCommand } from '@rollcall/pool-commands';
import { publishVersion } from '@rollcall/pool-commands/testing';
import { seedPool } from '@rollcall/rollout-commands/testing';
import type { ServiceHttp } from '@rollcall/service-kit';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../testing/test-app';

const database = useTestDatabase();
const nats = useTestNats();

const TOKEN = 'test-admin-token-0123456789';
const NOW = new Date('2026-03-01T12:00:00.000Z');
const ROLLING = { kind: 'rolling', batchSize: 1, maxUnavailable: 1 };

let app: ServiceHttp;

async function post(url: string, payload?: unknown, authorization: string | null = `Bearer ${TOKEN}`) {
  const response = await app.inject({
    method: 'POST',
    url,
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    headers: {
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...(authorization === null ? {} : { authorization }),
    },
  });
  return { status: response.statusCode, body: response.json() };
}

async function get(url: string) {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() };
}

const rolloutsOf = (pool: string) => `/v1/namespaces/acme/pools/${pool}/rollouts`;

/** Rollout streams the log holds for a pool: none means nothing was started. */
async function rolloutStreamsOf(pool: string): Promise<string[]> {
  const { rows } = await sql<{ stream_name: string }>`
    SELECT DISTINCT stream_name FROM events
    WHERE category = 'rollout' AND data->>'pool' = ${pool}`.execute(database.db);
  return rows.map((row) => row.stream_name);
}

beforeAll(async () => {
  app = buildTestApp({ db: database.db, nc: nats.nc, adminToken: TOKEN, clock: () => NOW });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

describe('POST /v1/namespaces/:ns/pools/:pool/rollouts', () => {
  it('starts a rollout: 201 with the rollout and every target, recorded with the actor', async () => {
    await seedPool(database.db, 'acme', 'web');
    const reply = await post(rolloutsOf('web'), { version: 2, strategy: ROLLING, healthyWindowSeconds: 0 });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      namespace: 'acme',
      pool: 'web',
      version: 2,
      build: 'b2',
      strategy: ROLLING,
      status: 'running',
      outcome: null,
      startedBy: 'admin',
      startedAt: NOW.toISOString(),
      healthyWindowSeconds: 0,
      gate: null,
    });
    expect(
      reply.body.targets.map((target: { targetId: string; state: string; previousVersion: number }) => [
        target.targetId,
        target.state,
        target.previousVersion,
      ]),
    ).toEqual([
      ['s1', 'pending', 1],
      ['s2', 'pending', 1],
      ['s3', 'pending', 1],
    ]);
    expect(await rolloutStreamsOf('web')).toEqual([`rollout-acme+${reply.body.rolloutId}`]);
  });

  it('refuses a second rollout of the pool with 409 naming the one in flight', async () => {
    await seedPool(database.db, 'acme', 'second');
    const first = await post(rolloutsOf('second'), { version: 2, strategy: ROLLING });
    const second = await post(rolloutsOf('second'), { version: 1, strategy: ROLLING });
    expect(second).toMatchObject({
      status: 409,
      body: { error: 'rollout_in_flight', rolloutId: first.body.rolloutId },
    });
    expect(second.body.message).toContain(first.body.rolloutId);
  });

  it('needs the operator token', async () => {
    await seedPool(database.db, 'acme', 'anonymous');
    expect((await post(rolloutsOf('anonymous'), { version: 2, strategy: ROLLING }, null)).status).toBe(401);
    expect(await rolloutStreamsOf('anonymous')).toEqual([]);
  });

  describe('bad input: a 4xx naming the field or the thing, and nothing started', () => {
    beforeAll(async () => {
      await seedPool(database.db, 'acme', 'bad');
      await handlePoolCommand(database.db, publishVersion('acme', 'bad', 3));
      await handlePoolCommand(database.db, {
        type: 'YankVersion',
        data: { namespace: 'acme', pool: 'bad', version: 3, reason: 'corrupt' },
        metadata: { now: NOW, actor: 'alice' },
      });
    });

    it.each([
      ['version 0', { version: 0 }],
      ['a negative version', { version: -1 }],
      ['a non-integer version', { version: 1.5 }],
      ['a version as text', { version: '2' }],
      ['a version past the range', { version: 2147483648 }],
    ])('%s: 400 naming body/version', async (_case, body) => {
      const reply = await post(rolloutsOf('bad'), { strategy: ROLLING, ...body });
      expect(reply).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
      expect(reply.body.message).toContain('body/version');
    });

    it('an unknown strategy kind: 400 naming body/strategy', async () => {
      const reply = await post(rolloutsOf('bad'), { version: 2, strategy: { kind: 'big-bang' } });
      expect(reply).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
      expect(reply.body.message).toContain('body/strategy');
    });

    it('a strategy with a bad setting: 400 naming it', async () => {
      const reply = await post(rolloutsOf('bad'), { version: 2, strategy: { ...ROLLING, batchSize: 0 } });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toContain('body/strategy/batchSize');
    });

    it('an unknown field: 400 naming it', async () => {
      const reply = await post(rolloutsOf('bad'), { version: 2, strategy: ROLLING, stratgey: 'typo' });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toContain('stratgey');
    });

    it('no strategy and no pool defaults: 400 naming strategy', async () => {
      const reply = await post(rolloutsOf('bad'), { version: 2 });
      expect(reply).toMatchObject({ status: 400, body: { error: 'strategy_missing' } });
      expect(reply.body.message).toMatch(/^strategy: /);
    });

    it('an unknown pool: 404 naming it', async () => {
      const reply = await post(rolloutsOf('ghost'), { version: 2, strategy: ROLLING });
      expect(reply).toEqual({
        status: 404,
        body: { error: 'pool_not_found', message: 'pool ghost is not known in namespace acme' },
      });
      expect(await rolloutStreamsOf('ghost')).toEqual([]);
    });

    it('an unknown target: 404 naming it', async () => {
      const reply = await post(rolloutsOf('bad'), { version: 2, strategy: ROLLING, targets: ['s1', 'mars'] });
      expect(reply).toMatchObject({ status: 404, body: { error: 'unknown_target', targetId: 'mars' } });
      expect(reply.body.message).toContain('target mars');
    });

    it('an unpublished version: 404 naming it', async () => {
      const reply = await post(rolloutsOf('bad'), { version: 9, strategy: ROLLING });
      expect(reply).toMatchObject({ status: 404, body: { error: 'version_not_published', version: 9 } });
      expect(reply.body.message).toContain('version 9');
    });

    it('a yanked version: 409 naming it', async () => {
      const reply = await post(rolloutsOf('bad'), { version: 3, strategy: ROLLING });
      expect(reply).toMatchObject({ status: 409, body: { error: 'version_yanked', version: 3 } });
      expect(reply.body.message).toContain('version 3 is yanked');
    });

    it('a canary larger than the targets: 400 naming the field', async () => {
      const reply = await post(rolloutsOf('bad'), {
        version: 2,
        strategy: { kind: 'canary', canaryShare: 0.5, canaryCount: 1, gate: 'health' },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toContain('canaryShare');
    });

    it('left the pool without any rollout', async () => {
      expect(await rolloutStreamsOf('bad')).toEqual([]);
    });
  });
});

describe('GET /v1/namespaces/:ns/rollouts', () => {
  it('lists the rollouts newest first, by pool, active only, and limited', async () => {
    await seedPool(database.db, 'acme', 'list-a');
    await seedPool(database.db, 'acme', 'list-b');
    const a = await post(rolloutsOf('list-a'), { version: 2, strategy: ROLLING });
    await post(`/v1/namespaces/acme/rollouts/${a.body.rolloutId}/abort`);
    const b = await post(rolloutsOf('list-b'), { version: 2, strategy: ROLLING });

    const byPool = await get('/v1/namespaces/acme/rollouts?pool=list-a');
    expect(byPool.status).toBe(200);
    expect(byPool.body.rollouts.map((rollout: { rolloutId: string }) => rollout.rolloutId)).toEqual([
      a.body.rolloutId,
    ]);
    const all = await get('/v1/namespaces/acme/rollouts?limit=2');
    expect(all.body.rollouts.map((rollout: { rolloutId: string }) => rollout.rolloutId)).toEqual([
      b.body.rolloutId,
      a.body.rolloutId,
    ]);
    // Aborted before any target began, the first finished at once; the second still runs.
    const active = await get('/v1/namespaces/acme/rollouts?active=true');
    const activeIds = active.body.rollouts.map((rollout: { rolloutId: string }) => rollout.rolloutId);
    expect(activeIds).toContain(b.body.rolloutId);
    expect(activeIds).not.toContain(a.body.rolloutId);
    expect(await get('/v1/namespaces/other/rollouts')).toEqual({ status: 200, body: { rollouts: [] } });
  });

  it('answers 400 naming a bad query parameter', async () => {
    const reply = await get('/v1/namespaces/acme/rollouts?active=yes');
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain('querystring/active');
  });
});

describe('GET /v1/namespaces/:ns/rollouts/:id', () => {
  it('shows one rollout, or 404 naming the id', async () => {
    await seedPool(database.db, 'acme', 'one');
    const started = await post(rolloutsOf('one'), { version: 2, strategy: ROLLING });
    expect(await get(`/v1/namespaces/acme/rollouts/${started.body.rolloutId}`)).toEqual({
      status: 200,
      body: started.body,
    });
    expect(await get('/v1/namespaces/acme/rollouts/nope')).toMatchObject({
      status: 404,
      body: { error: 'rollout_not_found', rolloutId: 'nope' },
    });
    expect((await get('/v1/namespaces/acme/rollouts/not+an+id')).status).toBe(400);
  });
});

describe('POST /v1/namespaces/:ns/rollouts/:id/{pause,resume,abort,rollback,approve,reject}', () => {
  it('steers the rollout and answers it as the decision left it; a repeat changes nothing', async () => {
    await seedPool(database.db, 'acme', 'steer');
    const { body: started } = await post(rolloutsOf('steer'), { version: 2, strategy: ROLLING });
    const at = `/v1/namespaces/acme/rollouts/${started.rolloutId}`;
    expect(await post(`${at}/pause`)).toMatchObject({ status: 200, body: { status: 'paused' } });
    expect(await post(`${at}/pause`)).toMatchObject({ status: 200, body: { status: 'paused' } });
    expect(await post(`${at}/resume`)).toMatchObject({ status: 200, body: { status: 'running' } });
    const aborted = await post(`${at}/abort`, { reason: 'wrong version' });
    expect(aborted).toMatchObject({ status: 200, body: { status: 'aborted', outcome: 'aborted' } });
    expect(aborted.body.targets.map((target: { state: string }) => target.state)).toEqual([
      'skipped',
      'skipped',
      'skipped',
    ]);
  });

  it('answers 409 with the refusal when the rollout cannot take the step', async () => {
    await seedPool(database.db, 'acme', 'refuse');
    const { body: started } = await post(rolloutsOf('refuse'), { version: 2, strategy: ROLLING });
    const reply = await post(`/v1/namespaces/acme/rollouts/${started.rolloutId}/approve`);
    expect(reply).toMatchObject({
      status: 409,
      body: { error: 'transition_refused', rolloutId: started.rolloutId },
    });
    expect(reply.body.message).toContain('it has no canary gate');
  });

  it('rolls back, approves and rejects through the canary gate', async () => {
    await seedPool(database.db, 'acme', 'canary');
    const canary = { kind: 'canary', canaryCount: 1, gate: 'approval' };
    const { body: started } = await post(rolloutsOf('canary'), { version: 2, strategy: canary });
    const at = `/v1/namespaces/acme/rollouts/${started.rolloutId}`;
    expect(await post(`${at}/reject`, { reason: 'metrics look off' })).toMatchObject({
      status: 200,
      body: { gate: { status: 'failed' }, rollbackReason: 'gate_rejected' },
    });
    expect((await post(`${at}/approve`)).status).toBe(409);
    expect((await post(`${at}/rollback`)).status).toBe(200);
  });

  it('answers 404 naming an unknown rollout, and 401 without a token', async () => {
    expect(await post('/v1/namespaces/acme/rollouts/ghost/pause')).toMatchObject({
      status: 404,
      body: { error: 'rollout_not_found', rolloutId: 'ghost' },
    });
    expect((await post('/v1/namespaces/acme/rollouts/ghost/pause', undefined, null)).status).toBe(401);
  });
});
