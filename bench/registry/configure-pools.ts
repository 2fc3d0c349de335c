import { randomUUID } from 'node:crypto';
import { poolStream } from '@rollcall/contracts';
import { decide, initialState } from '@rollcall/domain';
import { append, type EventLogDatabase, NO_STREAM } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';

/**
 * `PoolConfigured` (drain on version upgrade, 600 s) for each pool, decided by the domain as the api decides
 * it, each the first event of its pool's stream. A real fleet's pools are configured before runners arrive.
 */
export async function configurePools(
  db: Kysely<EventLogDatabase>,
  namespace: string,
  pools: readonly string[],
): Promise<void> {
  const metadata = { now: new Date(), actor: 'operator:bench' };
  await Promise.all(
    pools.map(async (pool) => {
      const events = decide(
        {
          type: 'ConfigurePool',
          data: {
            namespace,
            pool,
            drainOnVersionUpgrade: true,
            drainTimeoutSeconds: 600,
            autoUpgrade: false,
            maxVersionStep: 10,
          },
          metadata,
        },
        initialState(),
      );
      await append(db, {
        streamName: poolStream(namespace, pool),
        expectedVersion: NO_STREAM,
        events: events.map((event) => ({ eventId: randomUUID(), type: event.type, data: event.data })),
      });
    }),
  );
}
