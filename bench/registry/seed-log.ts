import { randomUUID } from 'node:crypto';
import type { PoolEvent } from '@rollcall/contracts';
import { poolStream } from '@rollcall/contracts';
import { append, type EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { poolHistory } from './pool-history';

export interface SeedLogSettings {
  namespace: string;
  /** Pool events to write in all. */
  events: number;
  pools: number;
  runnersPerPool: number;
  transitions: number;
  /** Most events per append. */
  batch: number;
  /** Appends in flight at once (each on its own pool). */
  writers: number;
}

/**
 * Fills the log with `events` realistic pool events through the event log's own append (batches with
 * expected versions), the pools' histories interleaved a version at a time, as a fleet's log grows.
 */
export async function seedLog(db: Kysely<EventLogDatabase>, settings: SeedLogSettings): Promise<void> {
  const start = new Date('2026-01-01T00:00:00.000Z');
  const pools = Array.from({ length: settings.pools }, (_, p) => {
    const pool = `pool-${p + 1}`;
    return {
      streamName: poolStream(settings.namespace, pool),
      version: 0n,
      history: poolHistory({
        namespace: settings.namespace,
        pool,
        runners: settings.runnersPerPool,
        transitions: settings.transitions,
        start,
      }),
    };
  });
  let left = settings.events;
  const write = async (pool: (typeof pools)[number], events: readonly PoolEvent[]) => {
    for (let from = 0; from < events.length; from += settings.batch) {
      const batch = events.slice(from, from + settings.batch);
      const result = await append(db, {
        streamName: pool.streamName,
        expectedVersion: pool.version,
        events: batch.map((event) => ({ eventId: randomUUID(), type: event.type, data: event.data })),
      });
      pool.version = result.nextExpectedVersion;
    }
  };
  while (left > 0) {
    // One version of every pool per pass, `writers` pools at a time.
    for (let p = 0; p < pools.length && left > 0; p += settings.writers) {
      const writing: Promise<void>[] = [];
      for (const pool of pools.slice(p, p + settings.writers)) {
        if (left <= 0) break;
        const events = pool.history.next().value.slice(0, left);
        left -= events.length;
        writing.push(write(pool, events));
      }
      await Promise.all(writing);
    }
  }
}
