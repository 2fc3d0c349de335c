import { RolloutEvent, rolloutStream } from '@rollcall/contracts';
import {
  evolveRollout,
  initialRolloutState,
  type RolloutCommandRef,
  type RolloutState,
} from '@rollcall/domain';
import { type EventLogDatabase, readStream } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { rolloutEventRegistry } from './rollout-event-registry';

/** A rollout's state as folded from its stream up to `version` (0n: the stream does not exist). */
export interface LoadedRollout {
  readonly state: RolloutState;
  readonly version: bigint;
}

/** Folds a rollout's whole stream (`rollout-<ns>+<rolloutId>`) through the domain's `evolveRollout`. */
export function loadRollout(
  db: Kysely<EventLogDatabase>,
  { namespace, rolloutId }: RolloutCommandRef,
): Promise<LoadedRollout> {
  return foldRolloutStream(db, rolloutStream(namespace, rolloutId), {
    state: initialRolloutState(),
    version: 0n,
  });
}

/** Folds whatever the stream holds past `from.version` into `from.state`. */
export async function foldRolloutStream(
  db: Kysely<EventLogDatabase>,
  streamName: string,
  from: LoadedRollout,
): Promise<LoadedRollout> {
  let { state, version } = from;
  for await (const recorded of readStream(db, {
    streamName,
    fromVersion: version + 1n,
    registry: rolloutEventRegistry,
  })) {
    // A type this build does not know came from a newer writer; evolve would ignore it anyway.
    const event = RolloutEvent.safeParse({ type: recorded.type, data: recorded.data });
    if (event.success) state = evolveRollout(state, event.data);
    version = recorded.streamVersion;
  }
  return { state, version };
}
