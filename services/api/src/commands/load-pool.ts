import { PoolEvent, poolStream } from '@rollcall/contracts';
import { evolve, initialState, type PoolState } from '@rollcall/domain';
import { type EventLogDatabase, readStream } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { poolEventRegistry } from './pool-event-registry';

/** A pool's state folded from its stream, and the stream version it was folded to (0n: no stream yet). */
export interface LoadedPool {
  readonly state: PoolState;
  readonly version: bigint;
}

/** Folds a pool's whole stream through the domain's `evolve`. */
export async function loadPool(
  db: Kysely<EventLogDatabase>,
  { namespace, pool }: { namespace: string; pool: string },
): Promise<LoadedPool> {
  let state = initialState();
  let version = 0n;
  for await (const recorded of readStream(db, {
    streamName: poolStream(namespace, pool),
    registry: poolEventRegistry,
  })) {
    // A type this build does not know came from a newer writer; evolve could not use it anyway.
    const event = PoolEvent.safeParse({ type: recorded.type, data: recorded.data });
    if (event.success) state = evolve(state, event.data);
    version = recorded.streamVersion;
  }
  return { state, version };
}
