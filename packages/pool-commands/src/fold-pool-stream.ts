import { PoolEvent } from '@rollcall/contracts';
import { evolve, type PoolState } from '@rollcall/domain';
import { type EventLogDatabase, type FoldedStream, foldStream } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { poolEventRegistry } from './pool-event-registry';

/** A pool's state as folded from its stream up to `version` (0n: the stream does not exist yet). */
export type LoadedPool = FoldedStream<PoolState>;

/** Folds whatever the pool stream holds past `from.version` into `from.state`. */
export function foldPoolStream(
  db: Kysely<EventLogDatabase>,
  streamName: string,
  from: LoadedPool,
): Promise<LoadedPool> {
  return foldStream(db, streamName, { registry: poolEventRegistry, events: PoolEvent, evolve }, from);
}
