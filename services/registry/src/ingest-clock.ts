import type { JetStreamManager } from '@nats-io/jetstream';

/**
 * When the oldest runner message not yet handled was stored, or null when the ingest stream is empty. The
 * stream keeps a message until it is acknowledged (WorkQueue), so every heartbeat still in it is at least
 * this recent: a runner seen before this instant may have spoken since, in a message still waiting.
 */
export async function oldestUnhandledMessage(jsm: JetStreamManager, stream: string): Promise<Date | null> {
  const { state } = await jsm.streams.info(stream);
  if (state.messages === 0) return null;
  return new Date(state.first_ts);
}
