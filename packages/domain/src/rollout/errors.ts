import type { Namespace, RolloutId, TargetId } from '@rollcall/contracts';

/**
 * Base of every refusal of a rollout command, so an edge (HTTP, CLI) can tell "the command was refused"
 * (4xx) from a failure (5xx) with one `instanceof`.
 */
export abstract class RolloutCommandError extends Error {}

type RolloutRef = { readonly namespace: Namespace; readonly rolloutId: RolloutId };

export class RolloutNotFoundError extends RolloutCommandError {
  override readonly name = 'RolloutNotFoundError';
  constructor(
    readonly rollout: RolloutRef,
    options?: ErrorOptions,
  ) {
    super(`rollout ${rollout.rolloutId} does not exist in namespace ${rollout.namespace}`, options);
  }
}

export class RolloutMismatchError extends RolloutCommandError {
  override readonly name = 'RolloutMismatchError';
  constructor(
    readonly expected: RolloutRef,
    readonly actual: RolloutRef,
    options?: ErrorOptions,
  ) {
    super(
      `command for rollout ${actual.namespace}/${actual.rolloutId} was decided against rollout ${expected.namespace}/${expected.rolloutId}`,
      options,
    );
  }
}

/** A rollout id names one rollout: starting it again for another pool or version is refused. */
export class RolloutExistsError extends RolloutCommandError {
  override readonly name = 'RolloutExistsError';
  constructor(
    readonly rolloutId: RolloutId,
    readonly existing: { readonly pool: string; readonly version: number },
    options?: ErrorOptions,
  ) {
    super(
      `rollout ${rolloutId} already exists (pool ${existing.pool}, version ${existing.version}): choose another id`,
      options,
    );
  }
}

/** A start whose content breaks a rule of the contract or of rollouts; `field` is its path, e.g. `targets.1.targetId`. */
export class InvalidRolloutSpecError extends RolloutCommandError {
  override readonly name = 'InvalidRolloutSpecError';
  constructor(
    readonly field: string,
    readonly problem: string,
    options?: ErrorOptions,
  ) {
    super(`${field}: ${problem}`, options);
  }
}

export class UnknownTargetError extends RolloutCommandError {
  override readonly name = 'UnknownTargetError';
  constructor(
    readonly rolloutId: RolloutId,
    readonly targetId: TargetId,
    options?: ErrorOptions,
  ) {
    super(`rollout ${rolloutId} has no target ${targetId}`, options);
  }
}

export type RefusedTransition = Readonly<{
  rolloutId: RolloutId;
  /** The refused command's type, e.g. `RecordTargetHealthy`. */
  command: string;
  /** The status that refuses it: the target's when `targetId` is set, else the rollout's. */
  status: string;
  targetId?: TargetId | undefined;
  why?: string | undefined;
}>;

/**
 * A step the rollout or target has not reached (or may never take from where it is). A step already
 * taken is not refused: it is a repeat and decides nothing.
 */
export class InvalidRolloutTransitionError extends RolloutCommandError {
  override readonly name = 'InvalidRolloutTransitionError';
  constructor(
    readonly refused: RefusedTransition,
    options?: ErrorOptions,
  ) {
    const { rolloutId, command, status, targetId, why } = refused;
    const subject = targetId === undefined ? `the rollout is ${status}` : `target ${targetId} is ${status}`;
    super(
      `cannot ${command} in rollout ${rolloutId}: ${subject}${why === undefined ? '' : ` (${why})`}`,
      options,
    );
  }
}
