import { randomUUID } from 'node:crypto';
import { PoolEvent, poolStream } from '@rollcall/contracts';
import { type ConfigurePool, decide, evolve, initialState, type PublishVersion } from '@rollcall/domain';
import { append, type EventLogDatabase, readStream } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';

type PoolRef = { namespace: string; pool: string };

const OPERATOR = 'operator:test';

/** Folds the pool's stream, decides, appends against the version read: what the api will do for operators. */
async function decideAndAppend(
  db: Kysely<EventLogDatabase>,
  command: ConfigurePool | PublishVersion,
): Promise<void> {
  const streamName = poolStream(command.data.namespace, command.data.pool);
  let state = initialState();
  let version = 0n;
  for await (const recorded of readStream(db, { streamName })) {
    state = evolve(state, PoolEvent.parse({ type: recorded.type, data: recorded.data }));
    version = recorded.streamVersion;
  }
  const events = decide(command, state);
  await append(db, {
    streamName,
    expectedVersion: version,
    events: events.map((event) => ({ eventId: randomUUID(), type: event.type, data: event.data })),
  });
}

/** PoolConfigured through the domain decider; drain on upgrade, 600 s, step 10 unless told otherwise. */
export function configurePool(
  db: Kysely<EventLogDatabase>,
  ref: PoolRef,
  config: Partial<Omit<ConfigurePool['data'], keyof PoolRef>> = {},
): Promise<void> {
  return decideAndAppend(db, {
    type: 'ConfigurePool',
    data: {
      ...ref,
      drainOnVersionUpgrade: true,
      drainTimeoutSeconds: 600,
      autoUpgrade: false,
      maxVersionStep: 10,
      ...config,
    },
    metadata: { now: new Date(), actor: OPERATOR },
  });
}

/** VersionPublished through the domain decider: gives the pool a version catalog. */
export function publishVersion(db: Kysely<EventLogDatabase>, ref: PoolRef, version: number): Promise<void> {
  return decideAndAppend(db, {
    type: 'PublishVersion',
    data: {
      ...ref,
      version,
      build: `build-${version}`,
      artifact: `registry.example.com/${ref.pool}:${version}`,
    },
    metadata: { now: new Date(), actor: OPERATOR },
  });
}
