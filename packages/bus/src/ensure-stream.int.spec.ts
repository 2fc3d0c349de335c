import { jetstreamManager } from '@nats-io/jetstream';
import { useTestNats } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { ensureDurableConsumer } from './ensure-durable-consumer';
import { type EnsureStreamOptions, ensureStream } from './ensure-stream';
import { StreamConfigConflictError } from './stream-config-conflict-error';

const nats = useTestNats();

describe('ensureStream', () => {
  it('creates a stream once, then leaves it alone', async () => {
    const jsm = await jetstreamManager(nats.nc);
    const options = {
      name: nats.streamName('ingest'),
      subjects: [`${nats.prefix}.ingest.>`],
      duplicateWindowMs: 60_000,
    };
    expect(await ensureStream(jsm, options)).toBe('created');
    expect(await ensureStream(jsm, options)).toBe('unchanged');
    const info = await jsm.streams.info(options.name);
    expect(info.config.subjects).toEqual([`${nats.prefix}.ingest.>`]);
    expect(info.config.duplicate_window).toBe(60_000 * 1_000_000);
  });

  it('updates only what differs and keeps the messages', async () => {
    const jsm = await jetstreamManager(nats.nc);
    const name = nats.streamName('grows');
    await ensureStream(jsm, { name, subjects: [`${nats.prefix}.grows.a`] });
    await jsm.jetstream().publish(`${nats.prefix}.grows.a`, '{}');

    expect(
      await ensureStream(jsm, { name, subjects: [`${nats.prefix}.grows.a`, `${nats.prefix}.grows.b`] }),
    ).toBe('updated');
    const info = await jsm.streams.info(name);
    expect(info.config.subjects).toEqual([`${nats.prefix}.grows.a`, `${nats.prefix}.grows.b`]);
    expect(info.state.messages).toBe(1);
  });

  it('is safe when several replicas ensure the same stream at once', async () => {
    const jsm = await jetstreamManager(nats.nc);
    const options = { name: nats.streamName('raced'), subjects: [`${nats.prefix}.raced.>`] };
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => ensureStream(jsm, options)));
    expect(outcomes).toContain('created');
    expect(await ensureStream(jsm, options)).toBe('unchanged');
  });

  it('refuses to pretend it changed what the server cannot change in place', async () => {
    const jsm = await jetstreamManager(nats.nc);
    const name = nats.streamName('stored');
    await ensureStream(jsm, { name, subjects: [`${nats.prefix}.stored`], storage: 'memory' });
    await expect(
      ensureStream(jsm, { name, subjects: [`${nats.prefix}.stored`], storage: 'file' }),
    ).rejects.toThrow(StreamConfigConflictError);
  });

  it('creates a work queue when asked, and refuses to pretend a limits stream is one', async () => {
    const jsm = await jetstreamManager(nats.nc);
    const queue = nats.streamName('queue');
    const options: EnsureStreamOptions = {
      name: queue,
      subjects: [`${nats.prefix}.queue`],
      retention: 'workqueue',
    };
    expect(await ensureStream(jsm, options)).toBe('created');
    expect(await ensureStream(jsm, options)).toBe('unchanged');
    expect((await jsm.streams.info(queue)).config.retention).toBe('workqueue');

    const kept = nats.streamName('kept');
    await ensureStream(jsm, { name: kept, subjects: [`${nats.prefix}.kept`] });
    await expect(
      ensureStream(jsm, { name: kept, subjects: [`${nats.prefix}.kept`], retention: 'workqueue' }),
    ).rejects.toThrow(expect.objectContaining({ name: 'StreamConfigConflictError', field: 'retention' }));
  });
});

describe('ensureDurableConsumer', () => {
  it('creates a durable consumer once, updates what differs, then leaves it alone', async () => {
    const jsm = await jetstreamManager(nats.nc);
    const stream = nats.streamName('consumed');
    await ensureStream(jsm, { name: stream, subjects: [`${nats.prefix}.consumed.>`] });
    const options = {
      stream,
      durable: 'registry',
      filterSubjects: [`${nats.prefix}.consumed.connected`],
      ackWaitMs: 10_000,
      maxDeliver: 5,
    };

    expect(await ensureDurableConsumer(jsm, options)).toBe('created');
    expect(await ensureDurableConsumer(jsm, options)).toBe('unchanged');
    expect(await ensureDurableConsumer(jsm, { ...options, ackWaitMs: 20_000 })).toBe('updated');

    const info = await jsm.consumers.info(stream, 'registry');
    expect(info.config).toMatchObject({
      durable_name: 'registry',
      ack_policy: 'explicit',
      ack_wait: 20_000 * 1_000_000,
      max_deliver: 5,
      filter_subject: `${nats.prefix}.consumed.connected`,
    });
  });
});
