import { PoolEvent } from '@rollcall/contracts';
import { evolve, type PoolState } from '@rollcall/domain';
import { type EventLogDatabase, readStream } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { poolEventRegistry } from './pool-event-registry';

/** A pool's state as folded from its stream up to `version` (0n: the stream does not exist yet). */
export interface LoadedPool {
  readonly state: PoolState;
  readonly version: bigint;
}

/** Folds whatever the stream holds past `from.version` into `from.state`. */
export async function foldPoolStream(
  db: Kysely<EventLogDatabase>,
  streamName: string,
  from: LoadedPool,
): Promise<LoadedPool> {
  let { state, version } = from;
  for await (const recorded of readStream(db, {
    streamName,
    fromVersion: version + 1n,
    registry: poolEventRegistry,
  })) {
    // A type this build does not know came from a newer writer; evolve would ignore it anyway.
    const event = PoolEvent.safeParse({ type: recorded.type, data: recorded.data });
    if (event.success) state = evolve(state, event.data);
    version = recorded.streamVersion;
  }
  return { state, version };
}
