import {
  type PoolEvent,
  RolloutDefaults,
  type RolloutEvent,
  type RolloutId,
  type RolloutTarget,
  type TargetBy,
  type TargetId,
  type Version,
} from '@rollcall/contracts';
import {
  type CommandMetadata,
  decide as decidePool,
  decideRollout,
  evolve as evolvePool,
  evolveRollout,
  initialRolloutState,
  type OpenPool,
  type PoolState,
  type Rollout,
  type StartRollout,
} from '@rollcall/domain';
import { NoTargetsError } from './no-targets-error';
import { placesOfPool } from './places-of-pool';
import { PoolNotFoundError } from './pool-not-found-error';
import { RolloutInFlightError } from './rollout-in-flight-error';
import { RolloutStrategyMissingError } from './rollout-strategy-missing-error';
import type { StartRolloutRequest } from './start-rollout-request';
import { UnknownTargetError } from './unknown-target-error';

/** A start decided on one pool state: appended together, or not at all. */
export interface StartDecision {
  /** `RolloutBegan` (the pool's guard), and `RolloutEnded` when the rollout is finished at once. */
  readonly poolEvents: readonly PoolEvent[];
  /** `RolloutStarted` and what it makes due (skipped targets, a rollout with nothing to move finishing). */
  readonly rolloutEvents: readonly RolloutEvent[];
  /** The rollout those events fold to. */
  readonly rollout: Rollout;
}

/**
 * Decides a rollout start on the pool's state, in the order an operator fixes things: the pool exists, no
 * rollout holds it, the version may be rolled out (the pool's `BeginRollout` checks the catalog), a strategy
 * is known, the targets are places the pool runs. Each target's backup starts as the version it runs and
 * `{}` for its config (the upgrader's back-up step records what its launcher reports), with the pin and
 * extra config of the pool's target settings.
 * @throws StartRolloutRefusedError, PoolCommandError (version not published or yanked), RolloutCommandError
 */
export function decideStart(
  pool: PoolState,
  request: StartRolloutRequest,
  { rolloutId, ...metadata }: CommandMetadata & { readonly rolloutId: RolloutId },
): StartDecision {
  const { namespace, pool: poolName, version } = request;
  if (pool.status === 'empty') throw new PoolNotFoundError(namespace, poolName);
  const inFlight = pool.rolloutInFlight;
  if (inFlight !== null) {
    throw new RolloutInFlightError(poolName, inFlight.rolloutId, inFlight.version, inFlight.since);
  }
  const began = decidePool(
    { type: 'BeginRollout', data: { namespace, pool: poolName, rolloutId, version }, metadata },
    pool,
  );
  const [guard] = began;
  // No rollout holds the pool, so the pool either refused (thrown) or began this one.
  if (guard?.type !== 'RolloutBegan') throw new Error(`pool ${poolName} did not begin rollout ${rolloutId}`);
  const beganData = guard.data;
  const settings = settingsOf(pool, request);
  const start: StartRollout = {
    type: 'StartRollout',
    data: {
      namespace,
      rolloutId,
      pool: poolName,
      version,
      build: beganData.build,
      artifact: beganData.artifact,
      ...(beganData.digest === undefined ? {} : { digest: beganData.digest }),
      ...settings,
      targets: targetsOf(pool, settings.targetBy, request.targets),
    },
    metadata,
  };
  const rolloutEvents = decideRollout(start, initialRolloutState());
  const rollout = rolloutEvents.reduce(evolveRollout, initialRolloutState());
  if (rollout.status === 'empty')
    throw new Error(`rollout ${rolloutId} did not start: its start decided nothing`);
  if (rollout.outcome === null) return { poolEvents: began, rolloutEvents, rollout };
  // Nothing to move (every target pinned or already there): the guard is released in the same transaction.
  const ended = decidePool(
    {
      type: 'EndRollout',
      data: { namespace, pool: poolName, rolloutId, outcome: rollout.outcome },
      metadata,
    },
    began.reduce(evolvePool, pool),
  );
  return { poolEvents: [...began, ...ended], rolloutEvents, rollout };
}

/** The request's settings over the pool's `rolloutDefaults`, over the contract's defaults. */
function settingsOf(pool: OpenPool, request: StartRolloutRequest): RolloutDefaults {
  const defaults = pool.config?.rolloutDefaults;
  const strategy = request.strategy ?? defaults?.strategy;
  if (strategy === undefined) throw new RolloutStrategyMissingError(pool.pool);
  return RolloutDefaults.parse({
    strategy,
    targetBy: request.targetBy ?? defaults?.targetBy,
    healthyWindowSeconds: request.healthyWindowSeconds ?? defaults?.healthyWindowSeconds,
    failureThreshold: request.failureThreshold ?? defaults?.failureThreshold,
    autoRollback: request.autoRollback ?? defaults?.autoRollback,
  });
}

/** The places asked for (all of them by default), each with its backup and its own settings. */
function targetsOf(
  pool: OpenPool,
  targetBy: TargetBy,
  asked: readonly TargetId[] | undefined,
): RolloutTarget[] {
  const places = placesOfPool(pool, targetBy);
  if (places.size === 0) throw new NoTargetsError(pool.pool, targetBy);
  const chosen = asked ?? [...places.keys()];
  return chosen.map((targetId) => {
    const previousVersion: Version | undefined = places.get(targetId);
    if (previousVersion === undefined) {
      throw new UnknownTargetError(targetId, pool.pool, targetBy, [...places.keys()]);
    }
    const { pinnedVersion, extraConfig } = pool.config?.targets?.[targetId] ?? {};
    return {
      targetId,
      previousVersion,
      previousConfig: {},
      ...(pinnedVersion === undefined ? {} : { pinnedVersion }),
      ...(extraConfig === undefined ? {} : { extraConfig }),
    };
  });
}
