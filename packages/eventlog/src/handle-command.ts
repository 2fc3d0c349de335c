import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { append } from './append';
import { conflictBackoffMs } from './conflict-backoff';
import { CommandRetriesExhaustedError, ConcurrencyError, IdempotencyConflictError } from './errors';
import type { EventRegistry } from './event-registry';
import type { FoldedStream } from './fold-stream';
import type { EventMetadata } from './new-event';
import type { EventLogDatabase } from './tables';
import { toNewEvents } from './to-new-events';

/**
 * Where a command handler takes an aggregate's state from: a cache kept between commands (its state may be
 * behind the log), or a fresh fold every time (`peek` knows nothing).
 */
export interface StreamStates<State, Event> {
  /** What this process last knew, without asking the log; undefined when it has nothing. */
  peek(streamName: string): FoldedStream<State> | undefined;
  /** Folds in whatever the stream holds past what is known, and returns the result. */
  catchUp(streamName: string): Promise<FoldedStream<State>>;
  /** Records events this process just appended, ending at stream `version`, sparing the read. */
  applied(streamName: string, events: readonly Event[], version: bigint): void;
}

/** One aggregate's decider and storage, as the command handler needs them. */
export interface CommandHandling<State, Command, Event extends { type: string; data: unknown }> {
  readonly decide: (command: Command, state: State) => readonly Event[];
  readonly evolve: (state: State, event: Event) => State;
  /** Parses (and upcasts) the events on append. */
  readonly registry: EventRegistry;
  readonly states: StreamStates<State, Event>;
  /** What a command adds to each of its events' metadata, e.g. its actor. */
  readonly metadataOf: (command: Command) => EventMetadata;
  /** A domain refusal: like a decision to do nothing, it counts only when made on the log's current state. */
  readonly isRefusal: (error: unknown) => boolean;
}

export interface HandleCommandOptions<Command> {
  /** Appends tried before a command that keeps meeting concurrent writers fails. @default 10 */
  maxAttempts?: number;
  /** Recorded on every event beside the command's own metadata, e.g. a request id as correlation id. */
  metadata?: Pick<EventMetadata, 'correlationId' | 'causationId'>;
  /**
   * Id of the `index`-th event of the decision. Derive it from the cause (`deterministicEventIds`) to make
   * a repeated cause append once. @default a random UUID
   */
  eventId?: (index: number) => string;
  /** Called before each retry after a concurrent writer moved the stream (e.g. to count them). */
  onConflict?: (command: Command) => void;
}

export interface CommandResult<State, Event> {
  /**
   * - `appended`: the decision's events are in the log.
   * - `unchanged`: the command changes nothing (a repeat), or there was no command to decide.
   * - `duplicate`: these event ids were already in the log (the same cause handled before); nothing appended.
   */
  readonly kind: 'appended' | 'unchanged' | 'duplicate';
  /** What was appended; empty unless `appended`. */
  readonly events: readonly Event[];
  readonly eventIds: readonly string[];
  /** Global positions of those events. */
  readonly positions: readonly bigint[];
  /** The aggregate after the command, as far as this call knows it. */
  readonly state: State;
  /** The stream version `state` is folded to. */
  readonly version: bigint;
}

/**
 * Emmett's command handler: (1) take the aggregate's state, (2) choose the command from it (`decision`,
 * null: nothing to do) and decide, (3) append the decision in one append expecting the version that state
 * was folded to. When another writer got there first (ConcurrencyError) the state is caught up and the
 * command chosen and decided afresh, with jittered backoff, at most `maxAttempts` appends. A stale cached
 * state cannot slip through: the append's compare-and-set refuses it, and a decision to do nothing (or a
 * refusal) is only trusted once made on a caught-up state, since no append checks it. Refusals propagate.
 * @throws the domain's refusals, CommandRetriesExhaustedError
 */
export async function handleCommandOnStream<State, Command, Event extends { type: string; data: unknown }>(
  db: Kysely<EventLogDatabase>,
  streamName: string,
  handling: CommandHandling<State, Command, Event>,
  decision: (state: State) => Command | null,
  options: HandleCommandOptions<Command> = {},
): Promise<CommandResult<State, Event>> {
  const { states } = handling;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 10);
  const eventId = options.eventId ?? (() => randomUUID());

  let folded = states.peek(streamName);
  let caughtUp = false;
  if (folded === undefined) {
    folded = await states.catchUp(streamName);
    caughtUp = true;
  }
  for (let appends = 0; ; ) {
    let command: Command | null;
    let events: readonly Event[];
    try {
      command = decision(folded.state);
      events = command === null ? [] : handling.decide(command, folded.state);
    } catch (error) {
      if (caughtUp || !handling.isRefusal(error)) throw error;
      folded = await states.catchUp(streamName);
      caughtUp = true;
      continue;
    }
    if (command === null || events.length === 0) {
      if (caughtUp) return nothingAppended('unchanged', folded);
      folded = await states.catchUp(streamName);
      caughtUp = true;
      continue;
    }

    const metadata = { ...options.metadata, ...handling.metadataOf(command) };
    const newEvents = toNewEvents(events, metadata, eventId);
    appends += 1;
    try {
      const result = await append(
        db,
        { streamName, expectedVersion: folded.version, events: newEvents },
        { registry: handling.registry },
      );
      if (result.duplicate) return nothingAppended('duplicate', await states.catchUp(streamName));
      states.applied(streamName, events, result.nextExpectedVersion);
      return {
        kind: 'appended',
        events,
        eventIds: newEvents.map((event) => event.eventId),
        positions: result.positions,
        state: events.reduce(handling.evolve, folded.state),
        version: result.nextExpectedVersion,
      };
    } catch (error) {
      // Some of these ids are stored: this cause was handled before, when the aggregate decided differently.
      if (error instanceof IdempotencyConflictError) {
        return nothingAppended('duplicate', await states.catchUp(streamName));
      }
      if (!(error instanceof ConcurrencyError)) throw error;
      if (appends >= maxAttempts) {
        throw new CommandRetriesExhaustedError(streamName, appends, { cause: error });
      }
      options.onConflict?.(command);
      await sleep(conflictBackoffMs(appends));
      folded = await states.catchUp(streamName);
      caughtUp = true;
    }
  }
}

function nothingAppended<State, Event>(
  kind: 'unchanged' | 'duplicate',
  { state, version }: FoldedStream<State>,
): CommandResult<State, Event> {
  return { kind, events: [], eventIds: [], positions: [], state, version };
}
