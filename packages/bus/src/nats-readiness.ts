import type { NatsConnection } from '@nats-io/nats-core';

/**
 * Ready while the connection is open and a round trip to the server completes. Shaped like service-kit's
 * ReadinessCheck, so it goes straight into `readiness: [...]`.
 */
export function natsReadiness(nc: NatsConnection): { name: string; target: string; check(): Promise<void> } {
  return {
    name: 'nats',
    target: nc.getServer(),
    check: async () => {
      if (nc.isClosed()) throw new Error('connection closed');
      if (nc.isDraining()) throw new Error('connection draining');
      await nc.flush();
    },
  };
}
