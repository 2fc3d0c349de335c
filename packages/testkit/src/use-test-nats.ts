import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, inject } from 'vitest';
import './provided-context';

export interface TestNats {
  /** `t<8 hex>`: a valid subject token and stream-name start, unique to this file (or describe block). */
  readonly prefix: string;
  readonly url: string;
  /** A connection of its own, drained in afterAll. */
  readonly nc: NatsConnection;
  /**
   * `<prefix>_<base>`: the name to give a JetStream stream or KV bucket, so afterAll can find and delete it
   * (a bucket's stream is `KV_<name>`).
   */
  streamName(base: string): string;
}

/** A handle's connection was read before beforeAll had connected. */
export class TestNatsNotReadyError extends Error {
  override readonly name = 'TestNatsNotReadyError';
}

/**
 * Gives the calling test file (or describe block) its own subject prefix and stream names on the shared
 * NATS. afterAll deletes every stream and KV bucket whose name starts with the prefix, then drains.
 */
export function useTestNats(): TestNats {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const ours = [`${prefix}_`, `KV_${prefix}_`, `OBJ_${prefix}_`];
  let nc: NatsConnection | undefined;

  beforeAll(async () => {
    nc = await connect({ servers: inject('natsUrl'), name: prefix });
  });

  afterAll(async () => {
    if (nc === undefined) return;
    const jsm = await jetstreamManager(nc);
    for await (const name of jsm.streams.names()) {
      if (ours.some((start) => name.startsWith(start))) await jsm.streams.delete(name);
    }
    await nc.drain();
    nc = undefined;
  });

  return {
    prefix,
    url: inject('natsUrl'),
    get nc() {
      if (nc === undefined)
        throw new TestNatsNotReadyError(`test NATS ${prefix} is used before beforeAll connected`);
      return nc;
    },
    streamName: (base) => `${prefix}_${base}`,
  };
}
