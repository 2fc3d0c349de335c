import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** A subject prefix and stream names of one benchmark case's own, deleted by `close()`. */
export interface BenchNats {
  readonly url: string;
  /** `b<8 hex>`: a subject token of this case's own. */
  readonly prefix: string;
  readonly nc: NatsConnection;
  /** `<prefix>_<base>` (upper-cased), which `close()` finds and deletes. */
  streamName(base: string): string;
  /** Another connection (a runner fleet, a listener), closed with the rest. */
  connection(name: string): Promise<NatsConnection>;
  close(): Promise<void>;
}

export async function openBenchNats(url: string): Promise<BenchNats> {
  const prefix = `b${randomBytes(4).toString('hex')}`;
  const nc = await connect({ servers: url, name: `${prefix}-bench` });
  const others: NatsConnection[] = [];
  const ours = prefix.toUpperCase();
  return {
    url,
    prefix,
    nc,
    streamName: (base) => `${ours}_${base.toUpperCase()}`,
    async connection(name) {
      const other = await connect({ servers: url, name: `${prefix}-${name}` });
      others.push(other);
      return other;
    },
    async close() {
      for (const other of others) await other.close();
      const jsm = await jetstreamManager(nc);
      for await (const name of jsm.streams.names()) {
        if (name.startsWith(`${ours}_`)) await jsm.streams.delete(name);
      }
      await nc.close();
    },
  };
}
