import { PoolEvent, poolStream } from '@rollcall/contracts';
import { type EventLogDatabase, type RecordedEvent, readStream } from '@rollcall/eventlog';
import { poolEventRegistry } from '@rollcall/pool-commands';
import type { Kysely } from 'kysely';
import { evolveWatchedPool, type WatchedPool } from './watched-pool';

/** Sees each event before it is folded, with the pool as it was just before it. */
export type BeforeFold = (watched: WatchedPool, event: PoolEvent, recorded: RecordedEvent) => void;

/** Folds whatever the pool's stream holds past `watched.version`. */
export async function foldWatchedPool(
  db: Kysely<EventLogDatabase>,
  watched: WatchedPool,
  beforeFold?: BeforeFold,
): Promise<WatchedPool> {
  let folded = watched;
  for await (const recorded of readStream(db, {
    streamName: poolStream(watched.namespace, watched.pool),
    fromVersion: watched.version + 1n,
    registry: poolEventRegistry,
  })) {
    const event = PoolEvent.safeParse({ type: recorded.type, data: recorded.data });
    if (!event.success) {
      // A type this build does not know came from a newer writer; the aggregate would ignore it too.
      folded = { ...folded, version: recorded.streamVersion };
      continue;
    }
    beforeFold?.(folded, event.data, recorded);
    folded = evolveWatchedPool(folded, event.data, recorded.streamVersion);
  }
  return folded;
}
