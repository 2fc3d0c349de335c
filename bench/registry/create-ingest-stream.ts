import { jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { type NatsConnection, nanos } from '@nats-io/nats-core';
import { runnerMessageWildcard } from '@rollcall/contracts';

/**
 * The registry's ingest stream as its `ensureIngest` makes it (WorkQueue, file storage, 2 minute duplicate
 * window), made before the registry starts so that a backlog can be published into it first; the registry
 * adopts it and adds its durable consumer.
 */
export async function createIngestStream(nc: NatsConnection, prefix: string, stream: string): Promise<void> {
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({
    name: stream,
    subjects: [runnerMessageWildcard(prefix)],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: nanos(120_000),
    num_replicas: 1,
    description: 'Rollcall runner messages (connected, heartbeat, disconnected), consumed by the registry',
  });
}
