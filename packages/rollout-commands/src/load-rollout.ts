import { RolloutEvent, rolloutStream } from '@rollcall/contracts';
import {
  evolveRollout,
  initialRolloutState,
  type RolloutCommandRef,
  type RolloutState,
} from '@rollcall/domain';
import { type EventLogDatabase, type FoldedStream, foldStream } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { rolloutEventRegistry } from './rollout-event-registry';

/** A rollout's state as folded from its stream up to `version` (0n: the stream does not exist). */
export type LoadedRollout = FoldedStream<RolloutState>;

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

/** Folds whatever the rollout stream holds past `from.version` into `from.state`. */
export function foldRolloutStream(
  db: Kysely<EventLogDatabase>,
  streamName: string,
  from: LoadedRollout,
): Promise<LoadedRollout> {
  return foldStream(
    db,
    streamName,
    { registry: rolloutEventRegistry, events: RolloutEvent, evolve: evolveRollout },
    from,
  );
}
