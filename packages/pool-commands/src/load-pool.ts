import { poolStream } from '@rollcall/contracts';
import { initialState, type PoolRef } from '@rollcall/domain';
import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { foldPoolStream, type LoadedPool } from './fold-pool-stream';

/** Folds a pool's whole stream through the domain's `evolve`. */
export function loadPool(db: Kysely<EventLogDatabase>, { namespace, pool }: PoolRef): Promise<LoadedPool> {
  return foldPoolStream(db, poolStream(namespace, pool), { state: initialState(), version: 0n });
}
