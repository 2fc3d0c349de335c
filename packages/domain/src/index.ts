export type { Decider } from './decider';
export type {
  CommandMetadata,
  ConfigurePool,
  ConnectRunner,
  DisconnectRunner,
  DrainTarget,
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
  RunnerNotFoundError,
  VersionConflictError,
  VersionNotFoundError,
} from './pool/errors';
export { poolDecider } from './pool/pool-decider';
export type { DueStop } from './pool/queries';
export { availableRunners, findRunner, runnersDueToStop, runnersOfServer } from './pool/queries';
export type { PoolRunner, RunnerDrain, RunnerStatus } from './pool/runner';
export type { CatalogVersion, EmptyPool, OpenPool, PoolConfig, PoolState } from './pool/state';
export { evolve, initialState } from './pool/state';
