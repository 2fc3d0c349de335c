import { type RolloutRef, rolloutStream } from '@rollcall/contracts';
import {
  delay,
  type EventLogDatabase,
  leadWithRestarts,
  type SubscriptionPage,
  subscribe,
  type Wake,
} from '@rollcall/eventlog';
import { poolStateCache } from '@rollcall/pool-commands';
import type { Logger } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import type { LauncherClient } from '../launcher-client';
import type { UpgraderMetrics } from '../upgrader-metrics';
import { type DriveDeps, driveRollout } from './drive-rollout';
import { RolloutsInFlight } from './rollouts-in-flight';

const LOCK_NAME = 'rollcall:upgrader:rollout-process';

export interface RolloutProcessOptions {
  db: Kysely<EventLogDatabase>;
  /** For the leader lock's own session. */
  connectionString: string;
  launchers: LauncherClient;
  /** Stamps decisions and tells when health windows have passed. */
  clock: () => Date;
  logger: Logger;
  metrics: UpgraderMetrics;
  /** Aborting it stops the process after its in-flight steps. */
  signal: AbortSignal;
  /** Append notifications; without one the process polls the log. */
  wake?: Wake;
  /** How often every rollout in flight is looked at without news from the log (health windows), in ms. @default 500 */
  tickMs?: number;
  /** How long a started runner has to connect before its target is unhealthy, in ms. @default 30000 */
  connectTimeoutMs?: number;
  /** How often a standby replica asks to lead, in ms. @default 5000 */
  lockRetryMs?: number;
  /** First idle delay between reads of the log without a wake-up, in ms. @default 250 */
  pollIntervalMs?: number;
}

/**
 * The rollout process manager: carries every rollout in flight to its end. One replica leads (an advisory
 * lock). Leading, it finds the rollouts holding their pool from the log (`RolloutBegan` without its
 * `RolloutEnded`), then follows the log: each event of a rollout or of its pool gives that rollout a turn
 * (`driveRollout`), and a tick gives every rollout one, for health windows and retries. It keeps no state
 * the log does not have: every turn reads the rollout and its pool, and every step it records has event
 * ids derived from the rollout, the target, the step and the attempt, so a new leader (or a repeat after a
 * crash) appends nothing twice and asks a launcher's `status` before starting a runner again.
 * Resolves once `signal` aborted.
 */
export async function runRolloutProcess(options: RolloutProcessOptions): Promise<void> {
  const { signal } = options;
  const logger = options.logger.child({ task: 'rollout-process' });
  await leadWithRestarts(
    {
      connectionString: options.connectionString,
      name: LOCK_NAME,
      signal,
      logger,
      ...(options.lockRetryMs === undefined ? {} : { retryMs: options.lockRetryMs }),
    },
    { failureMessage: 'rollout process failed; starting over from the log' },
    (held) => lead(options, held, logger),
  );
}

async function lead(options: RolloutProcessOptions, held: AbortSignal, logger: Logger): Promise<void> {
  const { db, metrics } = options;
  const tickMs = options.tickMs ?? 500;
  const inFlight = new RolloutsInFlight();
  const deps: DriveDeps = {
    db,
    launchers: options.launchers,
    clock: options.clock,
    logger,
    metrics,
    pools: poolStateCache(db),
    connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
    resting: new Map(),
    rollouts: new Map(),
    held,
  };
  const turns = new RolloutTurns(deps, logger);
  const stopReading = new AbortController();
  const reading = AbortSignal.any([held, stopReading.signal]);
  const subscription = (after: bigint, filter?: { category: string; types: string[] }) =>
    subscribe(db, {
      after,
      signal: reading,
      ...(filter === undefined ? {} : { filter }),
      ...(options.wake === undefined ? {} : { wake: options.wake }),
      ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    });

  try {
    // 1. The rollouts holding their pool: every guard taken and released, from the start of the log.
    let position = 0n;
    for await (const page of subscription(0n, {
      category: 'pool',
      types: ['RolloutBegan', 'RolloutEnded'],
    })) {
      if (page.kind === 'caught-up') {
        position = page.position;
        break;
      }
      for (const event of page.events) inFlight.apply(event);
    }
    if (held.aborted) return;
    logger.info({ rollouts: inFlight.size, position: position.toString() }, 'leading rollouts');
    metrics.rolloutsInFlight.set(inFlight.size);
    for (const ref of inFlight.list()) turns.request(ref, inFlight);

    // 2. The tail: a turn for each rollout an event concerns; a turn for all of them on every tick.
    const pages = subscription(position);
    let nextPage = pages.next();
    let tickAt = options.clock().getTime() + tickMs;
    try {
      while (!held.aborted) {
        const timer = delay(tickAt - options.clock().getTime(), held);
        const turn = await Promise.race([nextPage, timer.elapsed.then(() => null)]);
        timer.cancel();
        if (turn === null) {
          tickAt = options.clock().getTime() + tickMs;
          for (const ref of inFlight.list()) turns.request(ref, inFlight);
          continue;
        }
        if (turn.done === true) return;
        follow(turn.value, inFlight, turns, deps.rollouts);
        metrics.rolloutsInFlight.set(inFlight.size);
        nextPage = pages.next();
      }
    } finally {
      stopReading.abort();
      await nextPage.catch(() => undefined);
      await pages.return(undefined);
    }
  } finally {
    stopReading.abort();
    await turns.settled();
    metrics.rolloutsInFlight.set(0);
  }
}

/** Gives a turn to each rollout in flight the page concerns; forgets the state of those that ended. */
function follow(
  page: SubscriptionPage,
  inFlight: RolloutsInFlight,
  turns: RolloutTurns,
  rollouts: Map<string, unknown>,
): void {
  if (page.kind !== 'events') return;
  const concerned = new Map<string, RolloutRef>();
  for (const event of page.events) {
    const ref = inFlight.apply(event);
    if (ref !== null) concerned.set(rolloutStream(ref.namespace, ref.rolloutId), ref);
  }
  for (const [streamName, ref] of concerned) {
    if (inFlight.has(ref)) turns.request(ref, inFlight);
    else rollouts.delete(streamName);
  }
}

/**
 * One turn at a time per rollout: a turn asked for while one runs is run once more after it, so nothing
 * the log brought in the meantime is missed and no two turns of a rollout race each other.
 */
class RolloutTurns {
  readonly #running = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  readonly #deps: DriveDeps;
  readonly #logger: Logger;

  constructor(deps: DriveDeps, logger: Logger) {
    this.#deps = deps;
    this.#logger = logger;
  }

  request(ref: RolloutRef, inFlight: RolloutsInFlight): void {
    const key = rolloutStream(ref.namespace, ref.rolloutId);
    if (this.#running.has(key)) {
      this.#again.add(key);
      return;
    }
    const run = async (): Promise<void> => {
      do {
        this.#again.delete(key);
        try {
          await driveRollout(this.#deps, ref);
        } catch (error) {
          this.#logger.warn(
            { err: error, rolloutId: ref.rolloutId },
            'rollout turn failed; the next one tries again',
          );
        }
      } while (this.#again.has(key) && inFlight.has(ref));
    };
    this.#running.set(
      key,
      run().finally(() => this.#running.delete(key)),
    );
  }

  async settled(): Promise<void> {
    await Promise.all(this.#running.values());
  }
}
