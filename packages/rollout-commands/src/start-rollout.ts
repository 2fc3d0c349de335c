import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Actor, poolStream, type RolloutId, rolloutStream } from '@rollcall/contracts';
import { type Rollout, RolloutExistsError } from '@rollcall/domain';
import {
  append,
  CommandRetriesExhaustedError,
  ConcurrencyError,
  conflictBackoffMs,
  type EventLogDatabase,
  NO_STREAM,
  toNewEvents,
} from '@rollcall/eventlog';
import { loadPool, poolEventRegistry } from '@rollcall/pool-commands';
import type { Kysely } from 'kysely';
import { decideStart } from './decide-start';
import { loadRollout } from './load-rollout';
import { rolloutEventRegistry } from './rollout-event-registry';
import type { StartRolloutRequest } from './start-rollout-request';

export interface StartRolloutContext {
  /** When the start is decided. */
  readonly now: Date;
  /** Who starts it: recorded as `startedBy` and on every event. */
  readonly actor: Actor;
  /** Recorded on every event, e.g. the HTTP request id. */
  readonly correlationId?: string | undefined;
  /**
   * The rollout's id. Give one derived from a cause that may repeat (an automatic rollout for a redelivered
   * publish): the same id starts one rollout, and a repeat answers it. @default a new random UUID
   */
  readonly rolloutId?: RolloutId | undefined;
  /** Starts tried before one that keeps meeting concurrent writers on the pool fails. @default 10 */
  readonly maxAttempts?: number | undefined;
}

export interface StartedRollout {
  readonly rolloutId: RolloutId;
  readonly state: Rollout;
  /** False when `rolloutId` named a rollout already started with this pool and version (a repeat). */
  readonly started: boolean;
}

/**
 * Validates and starts a rollout: the pool's `BeginRollout` (its one-rollout-at-a-time guard, expecting the
 * pool version read) and the rollout's `StartRollout` (on a stream that must not exist) are appended in ONE
 * transaction, so a rollout never runs without holding its pool and a guard never names a rollout that is
 * not in the log. Two concurrent starts conflict on the pool's version: the loser decides again, now sees
 * the winner holding the pool, and is refused with `RolloutInFlightError` naming it.
 * @throws StartRolloutRefusedError (PoolNotFoundError, RolloutInFlightError, RolloutStrategyMissingError,
 *   NoTargetsError, UnknownTargetError), VersionNotPublishedError and VersionYankedError (domain),
 *   RolloutCommandError (a spec the rollout refuses, an id taken), CommandRetriesExhaustedError
 */
export async function startRollout(
  db: Kysely<EventLogDatabase>,
  request: StartRolloutRequest,
  context: StartRolloutContext,
): Promise<StartedRollout> {
  const { namespace, pool } = request;
  const rolloutId = context.rolloutId ?? randomUUID();
  const poolStreamName = poolStream(namespace, pool);
  const metadata = {
    actor: context.actor,
    ...(context.correlationId === undefined ? {} : { correlationId: context.correlationId }),
  };
  const maxAttempts = Math.max(1, context.maxAttempts ?? 10);

  for (let attempts = 1; ; attempts += 1) {
    if (context.rolloutId !== undefined) {
      const existing = await alreadyStarted(db, request, rolloutId);
      if (existing !== null) return { rolloutId, state: existing, started: false };
    }
    const loaded = await loadPool(db, { namespace, pool });
    const decision = decideStart(loaded.state, request, {
      rolloutId,
      now: context.now,
      actor: context.actor,
    });
    try {
      await db.transaction().execute(async (trx) => {
        await append(
          trx,
          {
            streamName: poolStreamName,
            expectedVersion: loaded.version,
            events: toNewEvents(decision.poolEvents, metadata, () => randomUUID()),
          },
          { registry: poolEventRegistry },
        );
        await append(
          trx,
          {
            streamName: rolloutStream(namespace, rolloutId),
            expectedVersion: NO_STREAM,
            events: toNewEvents(decision.rolloutEvents, metadata, () => randomUUID()),
          },
          { registry: rolloutEventRegistry },
        );
      });
      return { rolloutId, state: decision.rollout, started: true };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || error.streamName !== poolStreamName) throw error;
      if (attempts >= maxAttempts) {
        throw new CommandRetriesExhaustedError(poolStreamName, attempts, { cause: error });
      }
      await sleep(conflictBackoffMs(attempts));
    }
  }
}

/** The rollout `rolloutId` names, when it was started for this pool and version; another start's id is refused. */
async function alreadyStarted(
  db: Kysely<EventLogDatabase>,
  { namespace, pool, version }: StartRolloutRequest,
  rolloutId: RolloutId,
): Promise<Rollout | null> {
  const { state } = await loadRollout(db, { namespace, rolloutId });
  if (state.status === 'empty') return null;
  if (state.pool === pool && state.version === version) return state;
  throw new RolloutExistsError(rolloutId, { pool: state.pool, version: state.version });
}
