import { AccessEvent, accessStream } from '@rollcall/contracts';
import { type AccessState, evolveAccess } from '@rollcall/domain';
import { type EventLogDatabase, type FoldedStream, foldStream } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { accessEventRegistry } from './access-event-registry';

/** The access tokens as folded from `access-tokens` up to `version` (0n: no token was ever created). */
export type LoadedAccess = FoldedStream<AccessState>;

/** Folds whatever the stream holds past `from.version` into `from.state`. */
export function foldAccessStream(db: Kysely<EventLogDatabase>, from: LoadedAccess): Promise<LoadedAccess> {
  return foldStream(
    db,
    accessStream(),
    { registry: accessEventRegistry, events: AccessEvent, evolve: evolveAccess },
    from,
  );
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
