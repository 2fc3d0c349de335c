import { ANY, append, listenForAppends, type NewEvent } from '@rollcall/eventlog';
import type { ServiceHttp } from '@rollcall/service-kit';
import { freePort, useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse, type SseClient } from '../testing/sse-client';
import { buildTestApp, silentLogger } from '../testing/test-app';

const database = useTestDatabase();
const nats = useTestNats();

let nextId = 0;
function event(type: string): NewEvent {
  nextId += 1;
  return {
    eventId: `00000000-0000-4000-9000-${nextId.toString().padStart(12, '0')}`,
    type,
    data: { n: nextId },
    metadata: { actor: 'alice' },
  };
}

async function appendTo(streamName: string, ...events: NewEvent[]): Promise<bigint[]> {
  const result = await append(database.db, { streamName, expectedVersion: ANY, events });
  return [...result.positions];
}

/** Reads messages until `count` arrived, as parsed log entries with their SSE id. */
async function take(client: SseClient, count: number) {
  const entries: { id: string | undefined; position: string; type: string; stream: string }[] = [];
  while (entries.length < count) {
    const message = await client.nextMessage();
    if (message === null) throw new Error(`stream ended after ${entries.length} of ${count} messages`);
    entries.push({ id: message.id, ...JSON.parse(message.data) });
  }
  return entries;
}

describe('GET /v1/events/stream (a real HTTP listener)', () => {
  const stopListening = new AbortController();
  let app: ServiceHttp;
  let base: string;
  const clients: SseClient[] = [];
  const open = async (path: string, headers?: Record<string, string>) => {
    const client = await openSse(`${base}${path}`, headers);
    clients.push(client);
    return client;
  };
  const openStreams = async () => {
    const metrics = await fetch(`${base}/metrics`).then((response) => response.text());
    return Number(/^rollcall_api_event_streams_open\{[^}]*\} (\d+)$/m.exec(metrics)?.[1]);
  };

  beforeAll(async () => {
    const wake = listenForAppends({
      connectionString: database.url,
      signal: stopListening.signal,
      logger: silentLogger(),
    });
    app = buildTestApp({ db: database.db, nc: nats.nc, liveEvents: { wake, heartbeatMs: 50 } });
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await app.close();
    stopListening.abort();
  });

  it('sends the log from the start, then events appended while connected, each with its position as id', async () => {
    const [first] = await appendTo('pool-acme+web', event('Before'));
    const client = await open('/v1/events/stream');
    expect(client.status).toBe(200);
    expect(client.contentType).toMatch(/^text\/event-stream/);

    const [history] = await take(client, 1);
    expect(history).toMatchObject({ id: first?.toString(), position: first?.toString(), type: 'Before' });

    const live = await appendTo('pool-acme+web', event('Live1'), event('Live2'));
    const entries = await take(client, 2);
    expect(entries.map((entry) => [entry.id, entry.position, entry.type])).toEqual([
      [live[0]?.toString(), live[0]?.toString(), 'Live1'],
      [live[1]?.toString(), live[1]?.toString(), 'Live2'],
    ]);
    expect(entries[1]).toMatchObject({
      stream: 'pool-acme+web',
      streamVersion: '3',
      data: expect.any(Object),
    });
    client.close();
  });

  it('resumes after the Last-Event-ID header, which wins over ?after', async () => {
    const positions = await appendTo('resume-1', event('R1'), event('R2'), event('R3'));
    const client = await open(`/v1/events/stream?after=0&stream=resume-1`, {
      'last-event-id': positions[0]?.toString() ?? '',
    });
    const entries = await take(client, 2);
    expect(entries.map((entry) => entry.type)).toEqual(['R2', 'R3']);
    client.close();
  });

  it('resumes after ?after without the header, and applies the filters live', async () => {
    const [r1] = await appendTo('resume-2', event('S1'));
    const client = await open(`/v1/events/stream?after=${r1}&category=resume&type=S2,S3`);
    await appendTo('other-1', event('S2'));
    await appendTo('resume-2', event('S4'), event('S2'), event('S3'));
    const entries = await take(client, 2);
    expect(entries.map((entry) => [entry.stream, entry.type])).toEqual([
      ['resume-2', 'S2'],
      ['resume-2', 'S3'],
    ]);
    client.close();
  });

  it('keeps the connection warm with heartbeat comments', async () => {
    const head = await appendTo('quiet-1', event('Q1'));
    const client = await open(`/v1/events/stream?after=${head[0]}`);
    for (;;) {
      const frame = await client.next();
      if (frame === null) throw new Error('stream ended before a heartbeat');
      if (frame.kind === 'comment') {
        expect(frame.text).toBe('heartbeat');
        break;
      }
    }
    client.close();
  });

  it('answers 400 naming the header or parameter for a bad position', async () => {
    const badHeader = await open('/v1/events/stream', { 'last-event-id': 'yesterday' });
    expect(badHeader.status).toBe(400);
    expect(JSON.parse(await badHeader.text()).issues[0].path).toBe('headers/last-event-id');
    const badQuery = await open('/v1/events/stream?after=-3');
    expect(badQuery.status).toBe(400);
    expect(JSON.parse(await badQuery.text()).issues[0].path).toBe('querystring/after');
  });

  it('lets go of a stream when its client disconnects', async () => {
    const client = await open('/v1/events/stream');
    await take(client, 1);
    expect(await openStreams()).toBeGreaterThanOrEqual(1);
    for (const other of clients) other.close();
    // Ends once the server noticed every disconnect and ended those streams.
    while ((await openStreams()) > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await openStreams()).toBe(0);
  });
});

describe('GET /v1/events/stream on shutdown', () => {
  it('ends open streams so the server closes', async () => {
    const app = buildTestApp({ db: database.db, nc: nats.nc, liveEvents: { pollIntervalMs: 50 } });
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    const [position] = await appendTo('shutdown-1', event('Open'));
    const client = await openSse(`http://127.0.0.1:${port}/v1/events/stream?stream=shutdown-1`);
    expect((await client.nextMessage())?.id).toBe(position?.toString());

    await app.close();
    let frame = await client.next();
    while (frame !== null) frame = await client.next();
    expect(frame).toBeNull();
  });
});
