import type { NatsConnection } from '@nats-io/nats-core';

/**
 * NATS request/reply round trips, one after another: a responder on `responder` echoes, `requester` times
 * each request until its reply. The reference a drain notice is compared with (the least a message to a
 * runner and back can cost on this machine).
 */
export async function measureRtt(
  requester: NatsConnection,
  responder: NatsConnection,
  subject: string,
  samples: number,
): Promise<number[]> {
  const sub = responder.subscribe(subject, {
    callback: (_error, msg) => {
      msg.respond(msg.data);
    },
  });
  await responder.flush();
  const payload = new TextEncoder().encode(JSON.stringify({ reason: 'version_upgrade', supersededBy: 2 }));
  try {
    for (let i = 0; i < Math.min(100, samples); i++) await requester.request(subject, payload);
    const rtts: number[] = [];
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      await requester.request(subject, payload, { timeout: 5000 });
      rtts.push(performance.now() - started);
    }
    return rtts;
  } finally {
    sub.unsubscribe();
  }
}
