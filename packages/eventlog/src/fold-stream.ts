import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { EventRegistry } from './event-registry';
import { readStream } from './read-stream';
import type { EventLogDatabase } from './tables';

/** A state as folded from its stream up to `version` (0n: the stream does not exist yet). */
export interface FoldedStream<State> {
  readonly state: State;
  readonly version: bigint;
}

/** What folding one aggregate's stream takes. */
export interface StreamFold<State, Event> {
  /** Upcasts and parses each stored event's data, as the stream's writers append it. */
  readonly registry: EventRegistry;
  /** The events this build's `evolve` knows, as one `{type, data}` schema (the contract's union). */
  readonly events: z.ZodType<Event>;
  readonly evolve: (state: State, event: Event) => State;
}

/** Folds whatever `streamName` holds past `from.version` into `from.state`. */
export async function foldStream<State, Event>(
  db: Kysely<EventLogDatabase>,
  streamName: string,
  { registry, events, evolve }: StreamFold<State, Event>,
  from: FoldedStream<State>,
): Promise<FoldedStream<State>> {
  let { state, version } = from;
  for await (const recorded of readStream(db, { streamName, fromVersion: version + 1n, registry })) {
    // A type this build does not know came from a newer writer; evolve would ignore it anyway.
    const event = events.safeParse({ type: recorded.type, data: recorded.data });
    if (event.success) state = evolve(state, event.data);
    version = recorded.streamVersion;
  }
  return { state, version };
}
