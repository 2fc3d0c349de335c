export type { Decider } from './decider';
export type {
  BeginRollout,
  CommandMetadata,
  ConfigurePool,
  ConnectRunner,
  DisconnectRunner,
  DrainTarget,
  EndRollout,
  MarkLost,
  PoolCommand,
  PoolRef,
  PublishVersion,
  RecordActivity,
  RequestDrain,
  RequestStop,
  Undrain,
  YankVersion,
} from './pool/decide';
export { decide, ROLLCALL_ACTOR } from './pool/decide';
export type { DrainTargetRef } from './pool/errors';
export {
  DrainDeadlineRequiredError,
  DrainTargetNotFoundError,
  InvalidRunnerStatusError,
  PoolCommandError,
  PoolMismatchError,
  RolloutAlreadyInFlightError,
  RunnerNotFoundError,
  VersionConflictError,
  VersionNotFoundError,
  VersionNotPublishedError,
  VersionYankedError,
} from './pool/errors';
export { poolDecider } from './pool/pool-decider';
export type { DueStop } from './pool/queries';
export { availableRunners, findRunner, runnersDueToStop, runnersOfServer } from './pool/queries';
export type { PoolRunner, RunnerDrain, RunnerStatus } from './pool/runner';
export type { CatalogVersion, EmptyPool, OpenPool, PoolConfig, PoolState, RolloutInFlight } from './pool/state';
export { evolve, initialState } from './pool/state';
