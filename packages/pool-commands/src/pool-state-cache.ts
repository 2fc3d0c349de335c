import type { PoolEvent } from '@rollcall/contracts';
import { evolve, initialState, type PoolState } from '@rollcall/domain';
import type { EventLogDatabase, StreamStates } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { foldPoolStream, type LoadedPool } from './fold-pool-stream';

/**
 * Pool states kept in memory between commands, so a decision reads only the events appended since the last
 * one. A cached state may be behind (another replica appended): the append's expected version catches that.
 */
export type PoolStateCache = StreamStates<PoolState, PoolEvent>;

export function poolStateCache(db: Kysely<EventLogDatabase>): PoolStateCache {
  const pools = new Map<string, LoadedPool>();
  return {
    peek: (streamName) => pools.get(streamName),

    async catchUp(streamName) {
      const cached = pools.get(streamName) ?? { state: initialState(), version: 0n };
      const caughtUp = await foldPoolStream(db, streamName, cached);
      // Another caller may have moved the entry while this one was reading: keep the newer of the two.
      const current = pools.get(streamName);
      if (current !== undefined && current.version >= caughtUp.version) return current;
      pools.set(streamName, caughtUp);
      return caughtUp;
    },

    applied(streamName, events, version) {
      const cached = pools.get(streamName) ?? { state: initialState(), version: 0n };
      const next = { state: events.reduce(evolve, cached.state), version };
      // Anything but "right after what is cached" means the entry moved underneath: read it again next time.
      if (cached.version + BigInt(events.length) === version) pools.set(streamName, next);
      else pools.delete(streamName);
    },
  };
}
