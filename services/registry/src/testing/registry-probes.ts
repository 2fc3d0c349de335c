import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { PoolEvent, poolStream } from '@rollcall/contracts';
import { type EventLogDatabase, headPosition, readCheckpoint, readStream } from '@rollcall/eventlog';
import { READ_MODELS_SUBSCRIPTION } from '@rollcall/projections';
import { eventually } from '@rollcall/testkit';
import type { Kysely } from 'kysely';

/** Waits until every message in the ingest stream is acknowledged (WorkQueue: the stream is empty). */
export async function untilIngested(nc: NatsConnection, stream: string): Promise<void> {
  const jsm = await jetstreamManager(nc);
  await eventually(async () => ((await jsm.streams.info(stream)).state.messages === 0 ? true : undefined), {
    what: `${stream} to be consumed`,
  });
}

/** Waits until the read models have folded the whole log. */
export async function untilProjected(db: Kysely<EventLogDatabase>): Promise<void> {
  const head = await headPosition(db);
  await eventually(
    async () => ((await readCheckpoint(db, READ_MODELS_SUBSCRIPTION)) ?? 0n) >= head || undefined,
    {
      what: 'the read models to catch up',
    },
  );
}

export interface StoredPoolEvent {
  event: PoolEvent;
  eventId: string;
  globalPosition: bigint;
  transactionId: bigint;
  streamVersion: bigint;
}

/** A pool's stream as stored, parsed with the contract. */
export async function poolEvents(
  db: Kysely<EventLogDatabase>,
  namespace: string,
  pool: string,
): Promise<StoredPoolEvent[]> {
  const stored: StoredPoolEvent[] = [];
  for await (const recorded of readStream(db, { streamName: poolStream(namespace, pool) })) {
    stored.push({
      event: PoolEvent.parse({ type: recorded.type, data: recorded.data, metadata: recorded.metadata }),
      eventId: recorded.eventId,
      globalPosition: recorded.globalPosition,
      transactionId: recorded.transactionId,
      streamVersion: recorded.streamVersion,
    });
  }
  return stored;
}

/** `type runnerId` per event, e.g. `RunnerDrainRequested web-1`: compact enough to compare whole streams. */
export function summary(events: readonly StoredPoolEvent[]): string[] {
  return events.map(({ event }) =>
    'runnerId' in event.data ? `${event.type} ${event.data.runnerId}` : event.type,
  );
}
