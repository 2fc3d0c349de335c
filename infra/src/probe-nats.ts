import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

export type NatsProbe = { ok: true } | { ok: false; reason: 'unreachable' | 'no-jetstream'; error: Error };

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** Connects to `url` and asks JetStream for the account info, giving up after `timeoutMs`. Never throws. */
export async function probeNats(url: string, timeoutMs = 2_000): Promise<NatsProbe> {
  let nc: Awaited<ReturnType<typeof connect>>;
  try {
    nc = await connect({ servers: url, timeout: timeoutMs, reconnect: false });
  } catch (error) {
    return { ok: false, reason: 'unreachable', error: asError(error) };
  }
  try {
    const jsm = await jetstreamManager(nc, { timeout: timeoutMs });
    await jsm.getAccountInfo();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: 'no-jetstream', error: asError(error) };
  } finally {
    await nc.close().catch(() => {});
  }
}
