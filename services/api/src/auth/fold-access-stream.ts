import { AccessEvent, accessStream } from '@rollcall/contracts';
import { type AccessState, evolveAccess } from '@rollcall/domain';
import { type EventLogDatabase, readStream } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { accessEventRegistry } from './access-event-registry';

/** The access tokens as folded from `access-tokens` up to `version` (0n: no token was ever created). */
export type LoadedAccess = Readonly<{ state: AccessState; version: bigint }>;

/** Folds whatever the stream holds past `from.version` into `from.state`. */
export async function foldAccessStream(
  db: Kysely<EventLogDatabase>,
  from: LoadedAccess,
): Promise<LoadedAccess> {
  let { state, version } = from;
  for await (const recorded of readStream(db, {
    streamName: accessStream(),
    fromVersion: version + 1n,
    registry: accessEventRegistry,
  })) {
    // A type this build does not know came from a newer writer; evolve would ignore it anyway.
    const event = AccessEvent.safeParse({ type: recorded.type, data: recorded.data });
    if (event.success) state = evolveAccess(state, event.data);
    version = recorded.streamVersion;
  }
  return { state, version };
}

/** The stream's version: one primary-key read, to tell whether anything changed since the last fold. */
export async function accessStreamVersion(db: Kysely<EventLogDatabase>): Promise<bigint> {
  const row = await db
    .selectFrom('streams')
    .select('version')
    .where('stream_name', '=', accessStream())
    .executeTakeFirst();
  return BigInt(row?.version ?? 0);
}
