import type { z } from 'zod';
import { describeExpectedVersion, type ExpectedVersion } from './expected-version';

/** A package's tables could not be brought to the latest version; `cause` holds the migrator's error. */
export class MigrationFailedError extends Error {
  override readonly name = 'MigrationFailedError';
  /** Whose tables, e.g. `event log`, `read model`, `drainer`. */
  readonly schema: string;
  readonly failedMigration: string | undefined;

  constructor(schema: string, failedMigration: string | undefined, options?: ErrorOptions) {
    super(
      failedMigration === undefined
        ? `${schema} migration failed`
        : `${schema} migration ${failedMigration} failed`,
      options,
    );
    this.schema = schema;
    this.failedMigration = failedMigration;
  }
}

/** The stream was not at the expected version; nothing was written. `actual` is `0n` when the stream does not exist. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  readonly streamName: string;
  readonly expected: ExpectedVersion;
  readonly actual: bigint;

  constructor(streamName: string, expected: ExpectedVersion, actual: bigint, options?: ErrorOptions) {
    super(
      `stream ${streamName} expected at version ${describeExpectedVersion(expected)} but is at ${actual}`,
      options,
    );
    this.streamName = streamName;
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * Some of an append's event ids are already stored, but not all of them in this stream (or, inside a
 * transaction, a concurrent append was storing them: retry the command); nothing was written.
 */
export class IdempotencyConflictError extends Error {
  override readonly name = 'IdempotencyConflictError';
  readonly streamName: string;
  readonly storedEventIds: readonly string[];

  constructor(streamName: string, storedEventIds: readonly string[], options?: ErrorOptions) {
    super(`append to ${streamName} conflicts with stored event ids (${storedEventIds.join(', ')})`, options);
    this.streamName = streamName;
    this.storedEventIds = storedEventIds;
  }
}

/** An event's data does not match its type's schema (on append: nothing was written). */
export class EventValidationError extends Error {
  override readonly name = 'EventValidationError';
  readonly eventType: string;
  /** Path of the first offending field inside `data`, e.g. `runnerId` or `labels.zone`; empty for the whole. */
  readonly path: string;
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(
    eventType: string,
    reason: string,
    issues: readonly z.core.$ZodIssue[] = [],
    options?: ErrorOptions,
  ) {
    const path = issues[0]?.path.map(String).join('.') ?? '';
    super(`invalid ${eventType} event${path === '' ? '' : ` at data.${path}`}: ${reason}`, options);
    this.eventType = eventType;
    this.path = path;
    this.issues = issues;
  }
}

/**
 * A command handler gave up: another writer moved `streamName` between every read and append, `attempts`
 * times (the last `ConcurrencyError` is the cause); nothing was written.
 */
export class CommandRetriesExhaustedError extends Error {
  override readonly name = 'CommandRetriesExhaustedError';
  readonly streamName: string;
  readonly attempts: number;

  constructor(streamName: string, attempts: number, options?: ErrorOptions) {
    super(`gave up on ${streamName} after ${attempts} attempts: other writers kept changing it`, options);
    this.streamName = streamName;
    this.attempts = attempts;
  }
}
