import { type RolloutEvent, rolloutStream } from '@rollcall/contracts';
import {
  decideRollout,
  evolveRollout,
  type RolloutCommand,
  type RolloutCommandRef,
  type RolloutState,
} from '@rollcall/domain';
import {
  type CommandResult,
  type EventLogDatabase,
  type HandleCommandOptions,
  handleCommandOnStream,
  type StreamStates,
} from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { loadRollout } from './load-rollout';
import { rolloutEventRegistry } from './rollout-event-registry';

/**
 * Picks the command to decide from the rollout's current state, or null when there is nothing to do. Called
 * again on the fresh state after a concurrent writer moved the stream, so the upgrader's condition is judged
 * on the state the decision is appended against.
 */
export type RolloutDecision = (state: RolloutState) => RolloutCommand | null;

export type HandleRolloutCommandOptions = HandleCommandOptions<RolloutCommand>;

export type RolloutCommandResult = CommandResult<RolloutState, RolloutEvent>;

/**
 * The event log's command handler (`handleCommandOnStream`) for the rollout aggregate, on the rollout's
 * stream folded afresh for every decision (0n for a start: the stream must not exist). Each event carries
 * the command's actor. Domain refusals (`RolloutCommandError`) propagate untouched.
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
export function handleRolloutDecision(
  db: Kysely<EventLogDatabase>,
  ref: RolloutCommandRef,
  decision: RolloutDecision,
  options: HandleRolloutCommandOptions = {},
): Promise<RolloutCommandResult> {
  // Nothing kept between calls: every decision is made on the stream as just read.
  const states: StreamStates<RolloutState, RolloutEvent> = {
    peek: () => undefined,
    catchUp: () => loadRollout(db, ref),
    applied: () => {},
  };
  return handleCommandOnStream(
    db,
    rolloutStream(ref.namespace, ref.rolloutId),
    {
      decide: decideRollout,
      evolve: evolveRollout,
      registry: rolloutEventRegistry,
      states,
      metadataOf: (command) => ({ actor: command.metadata.actor }),
      // Always decided on the stream as just read: a refusal is final.
      isRefusal: () => false,
    },
    decision,
    options,
  );
}
