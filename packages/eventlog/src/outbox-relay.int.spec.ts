import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readCheckpoint, resetCheckpoint } from './checkpoints';
import { type OutboxRelayOptions, type OutgoingMessage, startOutboxRelay } from './outbox-relay';
import type { RecordedEvent } from './recorded-event';
import { appendEvents, silentLogger, uniqueStream } from './testing/event-controls';
import { useReplicaPools } from './testing/replica-pools';

describe('startOutboxRelay', () => {
  const test = useTestDatabase();
  const newDb = useReplicaPools(test);
  const nats = useTestNats();
  // Named after the file's prefix, so useTestNats deletes the stream afterwards.
  const streamName = nats.streamName('OUTBOX');
  const subjectPrefix = `${nats.prefix}.outbox`;
  let js: JetStreamClient;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    jsm = await jetstreamManager(nats.nc);
    js = jetstream(nats.nc);
    await jsm.streams.add({
      name: streamName,
      subjects: [`${subjectPrefix}.>`],
      duplicate_window: 120_000_000_000,
    });
  });

  const route = (event: RecordedEvent): OutgoingMessage[] => [
    {
      subject: `${subjectPrefix}.${event.streamName}`,
      payload: event.data,
      msgId: event.eventId,
      headers: { 'Rollcall-Event-Type': event.type },
    },
  ];

  /** What a service passes: a JetStream publish with the message id as Nats-Msg-Id, resolved on the ack. */
  async function publish(message: OutgoingMessage): Promise<void> {
    const h = headers();
    for (const [key, value] of Object.entries(message.headers ?? {})) h.set(key, value);
    await js.publish(message.subject, JSON.stringify(message.payload), { msgID: message.msgId, headers: h });
  }

  function relay(options: Pick<OutboxRelayOptions, 'name' | 'publish' | 'filter'>) {
    const controller = new AbortController();
    const done = startOutboxRelay({
      db: newDb(),
      connectionString: test.url,
      route,
      signal: controller.signal,
      logger: silentLogger,
      batchSize: 4,
      retryBackoff: { initialMs: 1, maxMs: 5 },
      lockRetryMs: 50,
      ...options,
    });
    return { controller, done };
  }

  it('publishes every event once per msgId although a crash re-sends part of a batch', async () => {
    const name = `outbox-${nats.prefix}`;
    const logStream = uniqueStream('outbox');
    // Decided before any relay runs, as if the process died between appending and publishing.
    const appended = await appendEvents(test.db, logStream, 10);
    await resetCheckpoint(test.db, { consumer: name, position: (appended.positions[0] ?? 1n) - 1n });

    const sent: string[] = [];
    const crashing: { crash?: () => void } = {};
    const first = relay({
      name,
      filter: { streamName: logStream },
      publish: async (message) => {
        await publish(message);
        sent.push(message.msgId);
        // Dies after publishing two messages of its second batch, before that batch's checkpoint.
        if (sent.length === 6) {
          crashing.crash?.();
          throw new Error('process died');
        }
      },
    });
    crashing.crash = () => first.controller.abort();
    await first.done;
    expect(await readCheckpoint(test.db, name)).toBe(appended.positions[3]);

    const second = relay({
      name,
      filter: { streamName: logStream },
      publish: async (message) => {
        await publish(message);
        sent.push(message.msgId);
      },
    });
    await vi.waitFor(
      async () => expect(await readCheckpoint(test.db, name)).toBe(appended.positions.at(-1)),
      {
        timeout: 20_000,
        interval: 20,
      },
    );
    second.controller.abort();
    await second.done;

    // Events 4 and 5 went out twice; JetStream kept one copy of each.
    expect(sent).toEqual([...appended.ids.slice(0, 6), ...appended.ids.slice(4)]);
    const info = await jsm.streams.info(streamName);
    expect(info.state.messages).toBe(10);
    const stored = [];
    for (let seq = 1; seq <= 10; seq += 1) {
      const message = await jsm.streams.getMessage(streamName, { seq });
      stored.push({
        msgId: message?.header.get('Nats-Msg-Id'),
        type: message?.header.get('Rollcall-Event-Type'),
        data: message?.json(),
      });
    }
    expect(stored).toEqual(appended.ids.map((msgId, n) => ({ msgId, type: 'TestHappened', data: { n } })));
  });
});
