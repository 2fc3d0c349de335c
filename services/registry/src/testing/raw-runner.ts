import type { NatsConnection } from '@nats-io/nats-core';
import { headers } from '@nats-io/nats-core';

/** What JetStream answers a publish with (its PubAck), as a runner in any language reads it. */
export interface PubAck {
  stream: string;
  seq: number;
  duplicate?: boolean;
}

export type RunnerMessageKind = 'connected' | 'heartbeat' | 'disconnected';

/**
 * A runner that speaks the wire contract by hand: JSON bytes on `<prefix>.v1.<ns>.runner.<kind>`, the
 * optional `Nats-Msg-Id` header, and the JetStream publish ack read as plain JSON. No Rollcall code builds
 * these messages, so the tests see exactly what a Go or Python runner would send.
 */
export function rawRunner(nc: NatsConnection, prefix: string, namespace: string) {
  const subject = (kind: string) => `${prefix}.v1.${namespace}.runner.${kind}`;
  return {
    subject,
    /** Publishes `payload` (an object, serialised here, or bytes sent as they are) and waits for the stream to store it. */
    async publish(kind: string, payload: unknown, msgId?: string): Promise<PubAck> {
      const data =
        payload instanceof Uint8Array ? payload : new TextEncoder().encode(JSON.stringify(payload));
      const h = headers();
      if (msgId !== undefined) h.set('Nats-Msg-Id', msgId);
      const reply = await nc.request(subject(kind), data, { headers: h, timeout: 5000 });
      return reply.json<PubAck>();
    },
  };
}
