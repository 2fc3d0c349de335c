import type { Namespace, PoolName, RunnerId, ServerId, Version } from '@rollcall/contracts';
import type { RunnerStatus } from './runner';
import type { RolloutInFlight } from './state';

/**
 * Base of every refusal of a pool command, so an edge (HTTP, CLI) can tell "the command was refused" (4xx)
 * from a failure (5xx) with one `instanceof`.
 */
export abstract class PoolCommandError extends Error {}

export class PoolMismatchError extends PoolCommandError {
  override readonly name = 'PoolMismatchError';
  constructor(
    readonly expected: { readonly namespace: Namespace; readonly pool: PoolName },
    readonly actual: { readonly namespace: Namespace; readonly pool: PoolName },
    options?: ErrorOptions,
  ) {
    super(
      `command for pool ${actual.namespace}/${actual.pool} was decided against pool ${expected.namespace}/${expected.pool}`,
      options,
    );
  }
}

export class RunnerNotFoundError extends PoolCommandError {
  override readonly name = 'RunnerNotFoundError';
  constructor(
    readonly runnerId: RunnerId,
    options?: ErrorOptions,
  ) {
    super(`runner ${runnerId} is not known in this pool`, options);
  }
}

/** What an operator drain was aimed at, as the error names it. */
export type DrainTargetRef =
  | { readonly runnerId: RunnerId }
  | { readonly serverId: ServerId }
  | { readonly version: Version };

export class DrainTargetNotFoundError extends PoolCommandError {
  override readonly name = 'DrainTargetNotFoundError';
  constructor(
    readonly target: DrainTargetRef,
    options?: ErrorOptions,
  ) {
    super(`no runner matches the drain target ${describeTarget(target)} in this pool`, options);
  }
}

function describeTarget(target: DrainTargetRef): string {
  if ('runnerId' in target) return `runner ${target.runnerId}`;
  if ('serverId' in target) return `server ${target.serverId}`;
  return `version ${target.version}`;
}

export class DrainDeadlineRequiredError extends PoolCommandError {
  override readonly name = 'DrainDeadlineRequiredError';
  constructor(options?: ErrorOptions) {
    super('the pool has no config to take drainTimeoutSeconds from: give deadlineSeconds', options);
  }
}

export class InvalidRunnerStatusError extends PoolCommandError {
  override readonly name = 'InvalidRunnerStatusError';
  constructor(
    readonly runnerId: RunnerId,
    readonly status: RunnerStatus,
    readonly action: 'undrain' | 'stop',
    options?: ErrorOptions,
  ) {
    super(`cannot ${action} runner ${runnerId}: it is ${status}`, options);
  }
}

export class VersionConflictError extends PoolCommandError {
  override readonly name = 'VersionConflictError';
  constructor(
    readonly version: Version,
    readonly published: {
      readonly build: string;
      readonly artifact: string;
      readonly digest?: string | undefined;
    },
    options?: ErrorOptions,
  ) {
    super(
      `version ${version} is already published as ${published.artifact} (build ${published.build}); publish a new version number instead`,
      options,
    );
  }
}

export class VersionNotFoundError extends PoolCommandError {
  override readonly name = 'VersionNotFoundError';
  constructor(
    readonly version: Version,
    options?: ErrorOptions,
  ) {
    super(`version ${version} is not published in this pool`, options);
  }
}

/** A rollout may only move to a version the pool's catalog holds. */
export class VersionNotPublishedError extends PoolCommandError {
  override readonly name = 'VersionNotPublishedError';
  constructor(
    readonly version: Version,
    options?: ErrorOptions,
  ) {
    super(`version ${version} is not published in this pool: publish it before rolling it out`, options);
  }
}

export class VersionYankedError extends PoolCommandError {
  override readonly name = 'VersionYankedError';
  constructor(
    readonly version: Version,
    options?: ErrorOptions,
  ) {
    super(`version ${version} is yanked: it is never rolled out`, options);
  }
}

/** One rollout per pool at a time: names the one holding the pool, so an operator can steer or await it. */
export class RolloutAlreadyInFlightError extends PoolCommandError {
  override readonly name = 'RolloutAlreadyInFlightError';
  constructor(
    readonly inFlight: RolloutInFlight,
    options?: ErrorOptions,
  ) {
    super(
      `rollout ${inFlight.rolloutId} (to version ${inFlight.version}, since ${inFlight.since}) is in flight in this pool: wait for it to finish, or abort it`,
      options,
    );
  }
}
