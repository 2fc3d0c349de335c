import { PoolEvent } from '@rollcall/contracts';
import { evolve, initialState, type PoolState } from '@rollcall/domain';
import { type EventLogDatabase, readStream } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { poolEventRegistry } from './pool-event-registry';

/** A pool's state as folded from its stream up to `version` (0n: the stream does not exist yet). */
export interface CachedPool {
  readonly state: PoolState;
  readonly version: bigint;
}

/**
 * Pool states kept in memory between commands, so a decision reads only the events appended since the last
 * one. A cached state may be behind (another replica appended): the append's expected version catches that.
 */
export interface PoolStateCache {
  /** What this process last knew, without asking the log; undefined for a pool it never loaded. */
  peek(streamName: string): CachedPool | undefined;
  /** Folds in whatever the stream holds past the cached version, and returns the result. */
  catchUp(streamName: string): Promise<CachedPool>;
  /** Records events this process just appended, ending at stream `version`, sparing the read. */
  applied(streamName: string, events: readonly PoolEvent[], version: bigint): void;
}

export function poolStateCache(db: Kysely<EventLogDatabase>): PoolStateCache {
  const pools = new Map<string, CachedPool>();
  return {
    peek: (streamName) => pools.get(streamName),

    async catchUp(streamName) {
      const cached = pools.get(streamName) ?? { state: initialState(), version: 0n };
      let { state, version } = cached;
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
      // Another caller may have moved the entry while this one was reading: keep the newer of the two.
      const current = pools.get(streamName);
      if (current !== undefined && current.version >= version) return current;
      const caughtUp = { state, version };
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
