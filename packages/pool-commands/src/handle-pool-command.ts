import { type PoolEvent, poolStream } from '@rollcall/contracts';
import {
  decide,
  evolve,
  type PoolCommand,
  PoolCommandError,
  type PoolRef,
  type PoolState,
} from '@rollcall/domain';
import {
  type CommandResult,
  type EventLogDatabase,
  type HandleCommandOptions,
  handleCommandOnStream,
} from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { poolEventRegistry } from './pool-event-registry';
import { type PoolStateCache, poolStateCache } from './pool-state-cache';

/**
 * Picks the command to decide from the pool's current state, or null when there is nothing to do. Called
 * again on the fresh state after a concurrent writer moved the stream, so a process manager's condition
 * ("idle", "past its deadline") is judged on the same state the decision is appended against.
 */
export type PoolDecision = (state: PoolState) => PoolCommand | null;

export interface HandlePoolCommandOptions extends HandleCommandOptions<PoolCommand> {
  /**
   * Pool states kept between calls; a decision on a cached state is checked against the log before a
   * "nothing to do" or a refusal is trusted. @default a cache for this call only (the stream is read)
   */
  cache?: PoolStateCache;
}

/** `unchanged` also covers a heartbeat that is no transition. */
export type PoolCommandResult = CommandResult<PoolState, PoolEvent>;

/**
 * The event log's command handler (`handleCommandOnStream`) for the pool aggregate, on pool states kept in
 * `options.cache`. Each event carries the command's actor, and its runner id when it names one. Domain
 * refusals (`PoolCommandError`) propagate untouched.
 * @throws PoolCommandError, CommandRetriesExhaustedError
 */
export function handlePoolCommand(
  db: Kysely<EventLogDatabase>,
  command: PoolCommand,
  options: HandlePoolCommandOptions = {},
): Promise<PoolCommandResult> {
  return handlePoolDecision(db, command.data, () => command, options);
}

/** `handlePoolCommand` for a command chosen from the pool's state by `decision`. */
export function handlePoolDecision(
  db: Kysely<EventLogDatabase>,
  { namespace, pool }: PoolRef,
  decision: PoolDecision,
  { cache = poolStateCache(db), ...options }: HandlePoolCommandOptions = {},
): Promise<PoolCommandResult> {
  return handleCommandOnStream(
    db,
    poolStream(namespace, pool),
    {
      decide,
      evolve,
      registry: poolEventRegistry,
      states: cache,
      metadataOf,
      isRefusal: (error) => error instanceof PoolCommandError,
    },
    decision,
    options,
  );
}

function metadataOf(command: PoolCommand) {
  const runnerId = 'runnerId' in command.data ? command.data.runnerId : undefined;
  return { actor: command.metadata.actor, ...(runnerId === undefined ? {} : { runnerId }) };
}
