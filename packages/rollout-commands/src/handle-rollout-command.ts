import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type EventMetadata, type RolloutEvent, rolloutStream } from '@rollcall/contracts';
import {
  decideRollout,
  evolveRollout,
  type RolloutCommand,
  type RolloutCommandRef,
  type RolloutState,
} from '@rollcall/domain';
import {
  append,
  CommandRetriesExhaustedError,
  ConcurrencyError,
  conflictBackoffMs,
  type EventLogDatabase,
  IdempotencyConflictError,
} from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { type LoadedRollout, loadRollout } from './load-rollout';
import { rolloutEventRegistry } from './rollout-event-registry';
import { toNewEvents } from './to-new-events';

/**
 * Picks the command to decide from the rollout's current state, or null when there is nothing to do. Called
 * again on the fresh state after a concurrent writer moved the stream, so the upgrader's condition is judged
 * on the state the decision is appended against.
 */
export type RolloutDecision = (state: RolloutState) => RolloutCommand | null;

export interface HandleRolloutCommandOptions {
  /** Appends tried before a command that keeps meeting concurrent writers fails. @default 10 */
  maxAttempts?: number;
  /** Recorded on every event beside the command's actor, e.g. a request id as correlation id. */
  metadata?: Pick<EventMetadata, 'correlationId' | 'causationId'>;
  /**
   * Id of the `index`-th event of the decision. Derive it from the cause (`deterministicEventIds`) to make
   * a repeated cause append once. @default a random UUID
   */
  eventId?: (index: number) => string;
  /** Called before each retry after a concurrent writer moved the stream (e.g. to count them). */
  onConflict?: (command: RolloutCommand) => void;
}

export interface RolloutCommandResult {
  /**
   * - `appended`: the decision's events are in the log.
   * - `unchanged`: the command changes nothing (a repeat), or there was no command to decide.
   * - `duplicate`: these event ids were already in the log (the same cause handled before); nothing appended.
   */
  readonly kind: 'appended' | 'unchanged' | 'duplicate';
  /** What was appended; empty unless `appended`. */
  readonly events: readonly RolloutEvent[];
  readonly eventIds: readonly string[];
  /** Global positions of those events. */
  readonly positions: readonly bigint[];
  /** The rollout after the command, as far as this call knows it. */
  readonly state: RolloutState;
  /** The stream version `state` is folded to. */
  readonly version: bigint;
}

/**
 * Emmett's command handler for the rollout aggregate: (1) fold the rollout's stream, (2) decide, (3) append
 * the decision expecting the version just read (0n for a start: the stream must not exist). When another
 * writer got there first the stream is read again and the command decided afresh, with jittered backoff,
 * at most `maxAttempts` appends. Domain refusals (`RolloutCommandError`) propagate untouched.
 * @throws RolloutCommandError, CommandRetriesExhaustedError
 */
export function handleRolloutCommand(
  db: Kysely<EventLogDatabase>,
  command: RolloutCommand,
  options: HandleRolloutCommandOptions = {},
): Promise<RolloutCommandResult> {
  return handleRolloutDecision(db, command.data, () => command, options);
}

/** `handleRolloutCommand` for a command chosen from the rollout's state by `decision`. */
export async function handleRolloutDecision(
  db: Kysely<EventLogDatabase>,
  ref: RolloutCommandRef,
  decision: RolloutDecision,
  options: HandleRolloutCommandOptions = {},
): Promise<RolloutCommandResult> {
  const streamName = rolloutStream(ref.namespace, ref.rolloutId);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 10);
  const eventId = options.eventId ?? (() => randomUUID());

  let rollout = await loadRollout(db, ref);
  for (let appends = 0; ; ) {
    const command = decision(rollout.state);
    const events = command === null ? [] : decideRollout(command, rollout.state);
    if (command === null || events.length === 0) return nothingAppended('unchanged', rollout);

    const metadata = { ...options.metadata, actor: command.metadata.actor };
    const newEvents = toNewEvents(events, metadata, eventId);
    appends += 1;
    try {
      const result = await append(
        db,
        { streamName, expectedVersion: rollout.version, events: newEvents },
        { registry: rolloutEventRegistry },
      );
      if (result.duplicate) return nothingAppended('duplicate', await loadRollout(db, ref));
      return {
        kind: 'appended',
        events,
        eventIds: newEvents.map((event) => event.eventId),
        positions: result.positions,
        state: events.reduce(evolveRollout, rollout.state),
        version: result.nextExpectedVersion,
      };
    } catch (error) {
      // Some of these ids are stored: this cause was handled before, when the rollout decided differently.
      if (error instanceof IdempotencyConflictError) {
        return nothingAppended('duplicate', await loadRollout(db, ref));
      }
      if (!(error instanceof ConcurrencyError)) throw error;
      if (appends >= maxAttempts) {
        throw new CommandRetriesExhaustedError(streamName, appends, { cause: error });
      }
      options.onConflict?.(command);
      await sleep(conflictBackoffMs(appends));
      rollout = await loadRollout(db, ref);
    }
  }
}

function nothingAppended(kind: 'unchanged' | 'duplicate', rollout: LoadedRollout): RolloutCommandResult {
  return { kind, events: [], eventIds: [], positions: [], state: rollout.state, version: rollout.version };
}
