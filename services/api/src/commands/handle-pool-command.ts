import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type EventMetadata, type PoolEvent, poolStream } from '@rollcall/contracts';
import { decide, evolve, type PoolCommand, type PoolState } from '@rollcall/domain';
import { append, ConcurrencyError, type EventLogDatabase, type NewEvent } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { loadPool } from './load-pool';
import { PoolCommandRetriesExhaustedError } from './pool-command-retries-exhausted-error';
import { poolEventRegistry } from './pool-event-registry';

export interface HandlePoolCommandOptions {
  /** Further attempts after a concurrent writer moved the stream. @default 3 */
  retries?: number;
  /** Recorded on every event beside the command's actor, e.g. the HTTP request id as correlation id. */
  metadata?: Pick<EventMetadata, 'correlationId' | 'causationId'>;
  /** Id of the n-th event of a decision. @default a random UUID */
  eventId?: (index: number) => string;
}

export interface PoolCommandResult {
  /** What was appended; empty when the command changed nothing (e.g. the same config again). */
  readonly events: readonly PoolEvent[];
  /** Global positions of those events. */
  readonly positions: readonly bigint[];
  /** The pool after the command. */
  readonly state: PoolState;
  /** The stream version after the command. */
  readonly version: bigint;
}

/**
 * Emmett's command handler for the pool aggregate: read the pool's stream, decide, append the decision in
 * one append expecting the version that was read. When another writer got there first (ConcurrencyError)
 * it reads again and decides afresh, at most `retries` more times. Domain refusals (`PoolCommandError`)
 * propagate untouched.
 * @throws PoolCommandError, PoolCommandRetriesExhaustedError
 */
export async function handlePoolCommand(
  db: Kysely<EventLogDatabase>,
  command: PoolCommand,
  { retries = 3, metadata = {}, eventId = () => randomUUID() }: HandlePoolCommandOptions = {},
): Promise<PoolCommandResult> {
  const streamName = poolStream(command.data.namespace, command.data.pool);
  for (let attempt = 0; ; attempt++) {
    const { state, version } = await loadPool(db, command.data);
    const events = decide(command, state);
    if (events.length === 0) return { events, positions: [], state, version };
    try {
      const result = await append(
        db,
        { streamName, expectedVersion: version, events: toNewEvents(events, command, metadata, eventId) },
        { registry: poolEventRegistry },
      );
      return {
        events,
        positions: result.positions,
        state: events.reduce(evolve, state),
        version: result.nextExpectedVersion,
      };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      if (attempt >= retries) {
        throw new PoolCommandRetriesExhaustedError(streamName, attempt + 1, { cause: error });
      }
      await sleep(jitteredDelayMs(attempt));
    }
  }
}

function toNewEvents(
  events: readonly PoolEvent[],
  command: PoolCommand,
  metadata: Pick<EventMetadata, 'correlationId' | 'causationId'>,
  eventId: (index: number) => string,
): NewEvent[] {
  const runnerId = 'runnerId' in command.data ? command.data.runnerId : undefined;
  return events.map((event, index) => ({
    eventId: eventId(index),
    type: event.type,
    data: event.data,
    metadata: { ...metadata, actor: command.metadata.actor, ...(runnerId === undefined ? {} : { runnerId }) },
  }));
}

/** Full jitter over a growing cap, so writers that collided do not collide again in step. */
function jitteredDelayMs(attempt: number): number {
  return Math.random() * Math.min(500, 10 * 2 ** attempt);
}
