import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { useTestNats } from '@rollcall/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ensureStream } from './ensure-stream';
import { jsPublish } from './js-publish';
import { MessageValidationError } from './message-validation-error';

const nats = useTestNats();
const Greeting = z.object({ name: z.string().min(1) });

describe('jsPublish', () => {
  const stream = nats.streamName('greetings');
  const subject = `${nats.prefix}.greetings`;
  beforeAll(async () => {
    await ensureStream(await jetstreamManager(nats.nc), { name: stream, subjects: [subject] });
  });

  it('stores a message published twice with the same msgId once', async () => {
    const js = jetstream(nats.nc);
    const first = await jsPublish(js, {
      subject,
      schema: Greeting,
      payload: { name: 'ada' },
      msgId: 'event-1',
    });
    const second = await jsPublish(js, {
      subject,
      schema: Greeting,
      payload: { name: 'ada' },
      msgId: 'event-1',
    });

    expect(first.duplicate).toBe(false);
    expect(second).toMatchObject({ duplicate: true, seq: first.seq });
    const info = await (await jetstreamManager(nats.nc)).streams.info(stream);
    expect(info.state.messages).toBe(1);
  });

  it('refuses an invalid payload, naming the field, and sends nothing', async () => {
    const js = jetstream(nats.nc);
    const before = (await (await jetstreamManager(nats.nc)).streams.info(stream)).state.messages;

    const attempt = jsPublish(js, { subject, schema: Greeting, payload: { name: '' }, msgId: 'event-2' });
    await expect(attempt).rejects.toThrow(MessageValidationError);
    await expect(attempt).rejects.toThrow(/name: /);

    const after = (await (await jetstreamManager(nats.nc)).streams.info(stream)).state.messages;
    expect(after).toBe(before);
  });
});
