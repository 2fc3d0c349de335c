import { randomUUID } from 'node:crypto';
import { poolStream } from '@rollcall/contracts';
import { decide, initialState } from '@rollcall/domain';
import { append, NO_STREAM } from '@rollcall/eventlog';
import type { TestDatabase } from '@rollcall/testkit';

/** Configures a new pool as an operator would: draining on upgrade, with a 900 s deadline. */
export async function configurePool(db: TestDatabase['db'], namespace: string, pool: string): Promise<void> {
  const events = decide(
    {
      type: 'ConfigurePool',
      data: {
        namespace,
        pool,
        drainOnVersionUpgrade: true,
        drainTimeoutSeconds: 900,
        autoUpgrade: false,
        maxVersionStep: 10,
      },
      metadata: { now: new Date(), actor: 'operator:e2e' },
    },
    initialState(),
  );
  await append(db, {
    streamName: poolStream(namespace, pool),
    expectedVersion: NO_STREAM,
    events: events.map((event) => ({ eventId: randomUUID(), ...event })),
  });
}
