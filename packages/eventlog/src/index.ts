export type { AdvisoryLockOptions } from './advisory-lock';
export { whileHoldingAdvisoryLock } from './advisory-lock';
export type { AppendInput, AppendOptions, AppendResult } from './append';
export { append } from './append';
export type { StoreCheckpointParams, StoreCheckpointResult } from './checkpoints';
export { readCheckpoint, resetCheckpoint, storeCheckpoint } from './checkpoints';
export { conflictBackoffMs } from './conflict-backoff';
export type { CreateEventLogDbOptions } from './create-event-log-db';
export { createEventLogDb } from './create-event-log-db';
export type { DeadLetter, NewDeadLetter } from './dead-letters';
export { listDeadLetters, recordDeadLetter } from './dead-letters';
export type { Delay } from './delay';
export { delay } from './delay';
export {
  CommandRetriesExhaustedError,
  ConcurrencyError,
  EventValidationError,
  IdempotencyConflictError,
  MigrationFailedError,
} from './errors';
export { EventFilter } from './event-filter';
export type { EventDefinition, EventRegistry, Upcaster } from './event-registry';
export { defineEventRegistry } from './event-registry';
export type { ExpectedVersion } from './expected-version';
export { ANY, NO_STREAM, STREAM_EXISTS } from './expected-version';
export type { FoldedStream, StreamFold } from './fold-stream';
export { foldStream } from './fold-stream';
export type {
  CommandHandling,
  CommandResult,
  HandleCommandOptions,
  StreamStates,
} from './handle-command';
export { handleCommandOnStream } from './handle-command';
export { headPosition } from './head-position';
export type { RestartOptions } from './lead-with-restarts';
export { leadWithRestarts } from './lead-with-restarts';
export { migrateToLatest } from './migrate';
export type { MigrateSchemaOptions } from './migrate-schema';
export { migrateSchema } from './migrate-schema';
export { EventMetadata, NewEvent } from './new-event';
export type { AppendListener, ListenForAppendsOptions, Wake } from './notifications';
export { listenForAppends } from './notifications';
export type { OutboxRelayOptions, OutgoingMessage } from './outbox-relay';
export { startOutboxRelay } from './outbox-relay';
export type { ReadAllInput } from './read-all';
export { readAll } from './read-all';
export type { ReadAllPage, ReadAllPageInput } from './read-all-page';
export { readAllPage } from './read-all-page';
export type { ReadStreamInput } from './read-stream';
export { readStream } from './read-stream';
export type { RecordedEvent } from './recorded-event';
export type { RetryBackoff } from './retry-backoff';
export type {
  AtLeastOnceHandler,
  RunSubscriptionOptions,
  SubscriptionHandling,
  SubscriptionOptions,
  TransactionalHandler,
} from './run-subscription';
export { runSubscription } from './run-subscription';
export type { GapState } from './safe-head';
export type { SubscribeOptions, SubscriptionPage } from './subscribe';
export { subscribe } from './subscribe';
export type { EventLogDatabase } from './tables';
export { toNewEvents } from './to-new-events';
export { transactionsFinishedBelow } from './transactions-finished';
