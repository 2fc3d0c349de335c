export { accessDecider } from './access/access-decider';
export type { AccessCommand, CreateAccessToken, RevokeAccessToken } from './access/decide';
export { decide as decideAccess } from './access/decide';
export {
  AccessCommandError,
  AccessTokenConflictError,
  AccessTokenNotFoundError,
  TokenNameInUseError,
} from './access/errors';
export { roleAtLeast } from './access/roles';
export type { AccessState, AccessToken } from './access/state';
export { evolve as evolveAccess, initialState as initialAccessState } from './access/state';
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
export type {
  CatalogVersion,
  EmptyPool,
  OpenPool,
  PoolConfig,
  PoolState,
  RolloutInFlight,
} from './pool/state';
export { evolve, initialState } from './pool/state';
export type { AutoUpgradeSwitches, AutoUpgradeVerdict } from './rollout/auto-upgrade';
export { autoUpgradeVerdict } from './rollout/auto-upgrade';
export type {
  AbortRollout,
  ApproveGate,
  CompleteTarget,
  PauseRollout,
  RecordOldDrained,
  RecordTargetBackedUp,
  RecordTargetCleanedUp,
  RecordTargetHealthy,
  RecordTargetRollbackFailed,
  RecordTargetRolledBack,
  RecordTargetStarted,
  RecordTargetStartFailed,
  RecordTargetUnhealthy,
  RejectGate,
  RequestTargetStart,
  ResumeRollout,
  RollbackRollout,
  RolloutCommand,
  RolloutCommandRef,
  SkipTarget,
  StartRollout,
  SteeringCommand,
  TargetStepCommand,
} from './rollout/commands';
export { decide as decideRollout } from './rollout/decide';
export type { RefusedTransition } from './rollout/errors';
export {
  InvalidRolloutSpecError,
  InvalidRolloutTransitionError,
  RolloutCommandError,
  RolloutExistsError,
  RolloutMismatchError,
  RolloutNotFoundError,
  UnknownTargetError,
} from './rollout/errors';
export type { RestorePlan, RolloutAction } from './rollout/next-actions';
export { nextActions } from './rollout/next-actions';
export { targetsToBegin } from './rollout/pacing';
export { rolloutDecider } from './rollout/rollout-decider';
export type { EmptyRollout, Rollout, RolloutGate, RolloutState, RolloutStatus } from './rollout/state';
export { evolve as evolveRollout, initialState as initialRolloutState } from './rollout/state';
export type {
  RolloutTargetState,
  TargetBackup,
  TargetFailure,
  TargetLaunch,
  TargetStatus,
} from './rollout/target';
export type { AutoUpgradeScope, SettingsCommand, SwitchAutoUpgrade } from './settings/decide';
export { decide as decideSettings } from './settings/decide';
export { settingsDecider } from './settings/settings-decider';
export type { SettingsState } from './settings/state';
export {
  autoUpgradeSwitchesFor,
  evolve as evolveSettings,
  initialState as initialSettingsState,
} from './settings/state';
