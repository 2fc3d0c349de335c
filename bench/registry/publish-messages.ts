import { type JetStreamClient, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { RunnerMessage } from './runner-message';

export class PublishRefusedError extends Error {
  override readonly name = 'PublishRefusedError';
}

/**
 * JetStream acked publishes of `messages` in order, `window` awaiting their ack at once (a fleet publishes
 * concurrently; one at a time would measure the round trip, not JetStream). Resolves once every ack is in,
 * with the elapsed milliseconds. A duplicate ack means the messages were not new, so it fails.
 */
export async function publishMessages(
  nc: NatsConnection,
  messages: readonly RunnerMessage[],
  window: number,
): Promise<number> {
  const js: JetStreamClient = jetstream(nc);
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const message = messages[next++];
      if (message === undefined) return;
      const ack = await js.publish(message.subject, message.data, { msgID: message.msgId });
      if (ack.duplicate) throw new PublishRefusedError(`${message.msgId} was stored before`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, messages.length) }, worker));
  return performance.now() - started;
}
