import { ANY, append, type EventLogDatabase, type NewEvent } from '@rollcall/eventlog';
import type { ServiceHttp } from '@rollcall/service-kit';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../testing/test-app';

const database = useTestDatabase();
const nats = useTestNats();

let nextId = 0;
function event(type: string, data: Record<string, unknown> = {}): NewEvent {
  nextId += 1;
  return {
    eventId: `00000000-0000-4000-8000-${nextId.toString().padStart(12, '0')}`,
    type,
    data: { n: nextId, ...data },
    metadata: { actor: 'alice', correlationId: `c-${nextId}` },
  };
}

async function appendTo(db: Kysely<EventLogDatabase>, streamName: string, ...events: NewEvent[]) {
  return append(db, { streamName, expectedVersion: ANY, events });
}

describe('GET /v1/events', () => {
  let app: ServiceHttp;
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    const { db } = database;
    await appendTo(db, 'pool-acme+web', event('PoolConfigured'), event('RunnerConnected'));
    await appendTo(db, 'pool-acme+api', event('RunnerConnected'));
    await appendTo(db, 'rollout-acme+r1', event('RolloutStarted'));
    await appendTo(db, 'pool-acme+web', event('RunnerDrainRequested'));
    app = buildTestApp({ db, nc: nats.nc });
    await app.ready();
  });
  afterAll(() => app.close());

  it('lists log entries in position order, positions and stream versions as strings', async () => {
    const { status, body } = await get('/v1/events');
    expect(status).toBe(200);
    expect(body.lastPosition).toBe('5');
    expect(body.events.map((e: { type: string }) => e.type)).toEqual([
      'PoolConfigured',
      'RunnerConnected',
      'RunnerConnected',
      'RolloutStarted',
      'RunnerDrainRequested',
    ]);
    expect(body.events[4]).toEqual({
      position: '5',
      stream: 'pool-acme+web',
      streamVersion: '3',
      type: 'RunnerDrainRequested',
      data: { n: 5 },
      metadata: { actor: 'alice', correlationId: 'c-5' },
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
  });

  it('pages with after and limit, resuming from lastPosition', async () => {
    const first = await get('/v1/events?limit=2');
    expect(first.body.events.map((e: { position: string }) => e.position)).toEqual(['1', '2']);
    expect(first.body.lastPosition).toBe('2');
    const second = await get(`/v1/events?limit=2&after=${first.body.lastPosition}`);
    expect(second.body.events.map((e: { position: string }) => e.position)).toEqual(['3', '4']);
    const last = await get('/v1/events?limit=2&after=4');
    expect(last.body.events.map((e: { position: string }) => e.position)).toEqual(['5']);
    const beyond = await get('/v1/events?after=5');
    expect(beyond.body).toEqual({ events: [], lastPosition: '5' });
  });

  it('filters by stream, category and type (repeated or comma-separated), together', async () => {
    const positions = async (query: string) =>
      (await get(`/v1/events?${query}`)).body.events.map((e: { position: string }) => e.position);
    expect(await positions('stream=pool-acme%2Bweb')).toEqual(['1', '2', '5']);
    expect(await positions('category=rollout')).toEqual(['4']);
    expect(await positions('type=RunnerConnected')).toEqual(['2', '3']);
    expect(await positions('type=RunnerConnected,RolloutStarted')).toEqual(['2', '3', '4']);
    expect(await positions('type=PoolConfigured&type=RolloutStarted')).toEqual(['1', '4']);
    expect(await positions('category=pool&type=RunnerConnected&stream=pool-acme%2Bapi')).toEqual(['3']);
  });

  it('moves lastPosition past positions a filter skipped, so a filtered reader pages on', async () => {
    const page = await get('/v1/events?category=rollout&limit=2');
    expect(page.body).toEqual({ events: [], lastPosition: '2' });
    const next = await get('/v1/events?category=rollout&limit=2&after=2');
    expect(next.body.events.map((e: { position: string }) => e.position)).toEqual(['4']);
  });

  it('limits a page to 100 entries by default', async () => {
    const db = database.db;
    await appendTo(db, 'bulk-1', ...Array.from({ length: 120 }, () => event('Bulk')));
    const page = await get('/v1/events');
    expect(page.body.events).toHaveLength(100);
    expect(page.body.lastPosition).toBe('100');
  });

  it('answers 400 naming the parameter for a bad limit, after or type', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'querystring/limit'],
      ['limit=1001', 'querystring/limit'],
      ['limit=ten', 'querystring/limit'],
      ['after=-1', 'querystring/after'],
      ['after=1.5', 'querystring/after'],
      ['after=99999999999999999999', 'querystring/after'],
      ['type=', 'querystring/type/0'],
    ];
    for (const [query, path] of cases) {
      const { status, body } = await get(`/v1/events?${query}`);
      expect({ query, status }).toEqual({ query, status: 400 });
      expect(body.error).toBe('invalid_request');
      expect(body.issues.map((issue: { path: string }) => issue.path)).toContain(path);
    }
  });

  it('accepts positions beyond 2^53 and keeps them exact', async () => {
    const { status, body } = await get('/v1/events?after=9007199254740993');
    expect(status).toBe(200);
    expect(body).toEqual({ events: [], lastPosition: '9007199254740993' });
  });

  it('never skips an event whose transaction commits late: the page ends before the missing position', async () => {
    const { db } = database;
    const [before] = (await appendTo(db, 'late-1', event('Settled'))).positions;
    const { promise: held, resolve: commit } = Promise.withResolvers<void>();
    const { promise: late, resolve: appended } = Promise.withResolvers<void>();
    const transaction = db.transaction().execute(async (trx) => {
      await append(trx, { streamName: 'late-1', expectedVersion: ANY, events: [event('CommitsLate')] });
      appended();
      await held;
    });
    await late;
    await appendTo(db, 'early-1', event('CommitsFirst'));

    const whileOpen = await get(`/v1/events?after=${before}`);
    expect(whileOpen.body).toEqual({ events: [], lastPosition: String(before) });

    commit();
    await transaction;
    const afterCommit = await get(`/v1/events?after=${before}`);
    expect(afterCommit.body.events.map((e: { type: string }) => e.type)).toEqual([
      'CommitsLate',
      'CommitsFirst',
    ]);
  });
  /**
   * Pages from `after` until an entry of `type` arrived. Whether a hole can be stepped over depends on every
   * transaction in the Postgres cluster (other test files run theirs), so the test waits for it, not a time.
   */
  async function readUntil(after: string, type: string): Promise<{ types: string[]; lastPosition: string }> {
    const types: string[] = [];
    let position = after;
    while (!types.includes(type)) {
      const { body } = await get(`/v1/events?after=${position}&limit=1000`);
      types.push(...body.events.map((e: { type: string }) => e.type));
      position = body.lastPosition;
    }
    return { types, lastPosition: position };
  }

  // Last in the file: until the hole is settled no page gets past it. Settling it needs every transaction
  // that was running in the Postgres cluster when it was seen to end, other test files' included.
  it('steps over a position whose transaction rolled back, without the client carrying any state', {
    timeout: 120_000,
  }, async () => {
    const { db } = database;
    const [start] = (await appendTo(db, 'gap-1', event('Start'))).positions;
    await db
      .transaction()
      .execute(async (trx) => {
        await append(trx, { streamName: 'gap-1', expectedVersion: ANY, events: [event('RolledBack')] });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const [committed] = (await appendTo(db, 'gap-1', event('Committed'))).positions;
    expect(committed).toBe((start ?? 0n) + 2n);

    const page = await readUntil(String(start), 'Committed');
    expect(page).toEqual({ types: ['Committed'], lastPosition: String(committed) });
  });
});
