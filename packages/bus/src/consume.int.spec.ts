import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { useTestNats } from '@rollcall/testkit';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { consume, type JsMessageMeta } from './consume';
import { ensureDurableConsumer } from './ensure-durable-consumer';
import { ensureStream } from './ensure-stream';
import type { InvalidMessage } from './invalid-message';
import { jsPublish } from './js-publish';

const nats = useTestNats();
const Greeting = z.object({ name: z.string().min(1) });
const logger = pino({ level: 'silent' });

async function ensureConsumer(base: string) {
  const jsm = await jetstreamManager(nats.nc);
  const stream = nats.streamName(base);
  const subject = `${nats.prefix}.${base}`;
  await ensureStream(jsm, { name: stream, subjects: [`${subject}.>`] });
  await ensureDurableConsumer(jsm, { stream, durable: 'worker', filterSubjects: [`${subject}.>`] });
  return { jsm, js: jetstream(nats.nc), stream, subject };
}

const failOnInvalid = (invalid: InvalidMessage) => {
  throw new Error(`unexpected invalid message: ${invalid.error}`);
};

describe('consume', () => {
  it('acknowledges only after the handler resolves, and redelivers when it throws', async () => {
    const { jsm, js, stream, subject } = await ensureConsumer('retried');
    const seen: { name: string; meta: JsMessageMeta; ackFloor: number; ackPending: number }[] = [];
    const stop = new AbortController();
    const { promise: handled, resolve } = Promise.withResolvers<void>();

    const running = consume(js, {
      stream,
      consumer: 'worker',
      schema: Greeting,
      signal: stop.signal,
      logger,
      redeliveryDelaysMs: [50],
      onInvalid: failOnInvalid,
      handle: async (value, meta) => {
        const info = await jsm.consumers.info(stream, 'worker');
        seen.push({
          name: value.name,
          meta,
          ackFloor: info.ack_floor.stream_seq,
          ackPending: info.num_ack_pending,
        });
        if (meta.deliveryCount === 1) throw new Error('database unavailable');
        resolve();
      },
    });
    await jsPublish(js, {
      subject: `${subject}.greeting`,
      schema: Greeting,
      payload: { name: 'ada' },
      msgId: 'm-1',
    });
    await handled;

    expect(
      seen.map(({ name, meta, ackFloor, ackPending }) => ({ name, ackFloor, ackPending, ...meta })),
    ).toEqual([
      expect.objectContaining({ name: 'ada', deliveryCount: 1, ackFloor: 0, ackPending: 1, msgId: 'm-1' }),
      expect.objectContaining({ name: 'ada', deliveryCount: 2, ackFloor: 0, ackPending: 1, msgId: 'm-1' }),
    ]);
    expect(seen[0]?.meta).toMatchObject({ subject: `${subject}.greeting`, stream, streamSequence: 1 });
    await expect.poll(async () => (await jsm.consumers.info(stream, 'worker')).ack_floor.stream_seq).toBe(1);

    stop.abort();
    await running;
  });

  it('hands invalid messages to onInvalid, terminates them, and goes on with the next valid one', async () => {
    const { jsm, js, stream, subject } = await ensureConsumer('mixed');
    const invalid: InvalidMessage[] = [];
    const stop = new AbortController();
    const { promise: handled, resolve } = Promise.withResolvers<string>();

    const running = consume(js, {
      stream,
      consumer: 'worker',
      schema: Greeting,
      signal: stop.signal,
      logger,
      onInvalid: (message) => {
        invalid.push(message);
      },
      handle: async (value) => resolve(value.name),
    });
    await js.publish(`${subject}.raw`, 'not json at all', { msgID: 'bad-json' });
    await js.publish(`${subject}.raw`, JSON.stringify({ name: '' }), { msgID: 'bad-schema' });
    await jsPublish(js, {
      subject: `${subject}.raw`,
      schema: Greeting,
      payload: { name: 'grace' },
      msgId: 'good',
    });

    expect(await handled).toBe('grace');
    expect(invalid).toEqual([
      {
        subject: `${subject}.raw`,
        raw: 'not json at all',
        error: expect.stringContaining('not valid UTF-8 JSON'),
        issues: [],
        msgId: 'bad-json',
      },
      {
        subject: `${subject}.raw`,
        raw: '{"name":""}',
        error: expect.stringContaining('name:'),
        issues: [expect.objectContaining({ path: ['name'], code: 'too_small' })],
        msgId: 'bad-schema',
      },
    ]);
    await expect
      .poll(async () => {
        const info = await jsm.consumers.info(stream, 'worker');
        return { floor: info.ack_floor.stream_seq, pending: info.num_pending, unacked: info.num_ack_pending };
      })
      .toEqual({ floor: 3, pending: 0, unacked: 0 });

    stop.abort();
    await running;
  });

  it('redelivers an invalid message when recording it fails, so it is not lost', async () => {
    const { js, stream, subject } = await ensureConsumer('unrecorded');
    const attempts: number[] = [];
    const stop = new AbortController();
    const { promise: recorded, resolve } = Promise.withResolvers<InvalidMessage>();
    let calls = 0;

    const running = consume(js, {
      stream,
      consumer: 'worker',
      schema: Greeting,
      signal: stop.signal,
      logger,
      redeliveryDelaysMs: [50],
      onInvalid: async (message) => {
        calls += 1;
        attempts.push(calls);
        if (calls === 1) throw new Error('dead-letter table unavailable');
        resolve(message);
      },
      handle: async () => {},
    });
    await js.publish(`${subject}.raw`, '{', { msgID: 'truncated' });

    expect(await recorded).toMatchObject({ raw: '{', msgId: 'truncated' });
    expect(attempts).toEqual([1, 2]);
    stop.abort();
    await running;
  });

  it('keeps restarting until its consumer exists', async () => {
    const base = 'late';
    const stream = nats.streamName(base);
    const js = jetstream(nats.nc);
    const stop = new AbortController();
    const { promise: handled, resolve } = Promise.withResolvers<string>();

    const running = consume(js, {
      stream,
      consumer: 'worker',
      schema: Greeting,
      signal: stop.signal,
      logger,
      restartDelaysMs: [50],
      onInvalid: failOnInvalid,
      handle: async (value) => resolve(value.name),
    });
    const { subject } = await ensureConsumer(base);
    await jsPublish(js, {
      subject: `${subject}.greeting`,
      schema: Greeting,
      payload: { name: 'late' },
      msgId: 'l-1',
    });

    expect(await handled).toBe('late');
    stop.abort();
    await running;
  });

  it('resolves once its signal aborts while it waits for messages', async () => {
    const { js, stream } = await ensureConsumer('idle');
    const stop = new AbortController();
    const running = consume(js, {
      stream,
      consumer: 'worker',
      schema: Greeting,
      signal: stop.signal,
      logger,
      onInvalid: failOnInvalid,
      handle: async () => {},
    });
    stop.abort();
    await expect(running).resolves.toBeUndefined();
  });
});
