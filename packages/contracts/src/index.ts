export { Actor } from './actor';
export { Artifact, Digest } from './artifact';
export { RUNNER_COMMANDS_CHECKPOINT } from './checkpoint-names';
export { describeIssues } from './describe-issues';
export { DrainReason } from './drain-reason';
export type { AccessEventType } from './events/access/access-event';
export { AccessEvent, accessEventTypes } from './events/access/access-event';
export { accessEventSchemas } from './events/access/access-event-schemas';
export { AccessRole } from './events/access/access-role';
export { AccessTokenCreated, AccessTokenCreatedData } from './events/access/access-token-created';
export { AccessTokenRevoked, AccessTokenRevokedData } from './events/access/access-token-revoked';
export { TokenHash } from './events/access/token-hash';
export { TokenId } from './events/access/token-id';
export { TokenName } from './events/access/token-name';
export { EventMetadata } from './events/event-metadata';
export { PoolConfigured, PoolConfiguredData } from './events/pool/pool-configured';
export type { PoolEventType } from './events/pool/pool-event';
export { PoolEvent, poolEventTypes } from './events/pool/pool-event';
export { poolEventSchemas } from './events/pool/pool-event-schemas';
export { RolloutBegan, RolloutBeganData } from './events/pool/rollout-began';
export { RolloutEnded, RolloutEndedData } from './events/pool/rollout-ended';
export { RunnerBecameBusy, RunnerBecameBusyData } from './events/pool/runner-became-busy';
export { RunnerBecameIdle, RunnerBecameIdleData } from './events/pool/runner-became-idle';
export { RunnerConnected, RunnerConnectedData } from './events/pool/runner-connected';
export { RunnerDrainRequested, RunnerDrainRequestedData } from './events/pool/runner-drain-requested';
export { RunnerLost, RunnerLostData, RunnerLostReason } from './events/pool/runner-lost';
export { RunnerStopRequested, RunnerStopRequestedData } from './events/pool/runner-stop-requested';
export { RunnerStopped, RunnerStoppedData } from './events/pool/runner-stopped';
export { RunnerUndrained, RunnerUndrainedData } from './events/pool/runner-undrained';
export {
  VersionClaimRefusalReason,
  VersionClaimRefused,
  VersionClaimRefusedData,
} from './events/pool/version-claim-refused';
export { VersionPublished, VersionPublishedData } from './events/pool/version-published';
export { VersionYanked, VersionYankedData } from './events/pool/version-yanked';
export { FailureThreshold } from './events/rollout/failure-threshold';
export { GateAwaitingApproval, GateAwaitingApprovalData } from './events/rollout/gate-awaiting-approval';
export { GateFailed, GateFailedData } from './events/rollout/gate-failed';
export { GatePassed, GatePassedData } from './events/rollout/gate-passed';
export { RollbackStarted, RollbackStartedData } from './events/rollout/rollback-started';
export { RolloutAborted, RolloutAbortedData } from './events/rollout/rollout-aborted';
export { RolloutDefaults } from './events/rollout/rollout-defaults';
export type { RolloutEventType } from './events/rollout/rollout-event';
export { RolloutEvent, rolloutEventTypes } from './events/rollout/rollout-event';
export { rolloutEventSchemas } from './events/rollout/rollout-event-schemas';
export { RolloutFinished, RolloutFinishedData } from './events/rollout/rollout-finished';
export { RolloutHalted, RolloutHaltedData } from './events/rollout/rollout-halted';
export { RolloutId } from './events/rollout/rollout-id';
export { RolloutOutcome } from './events/rollout/rollout-outcome';
export { RolloutPaused, RolloutPausedData } from './events/rollout/rollout-paused';
export { RolloutRef } from './events/rollout/rollout-ref';
export { RolloutResumed, RolloutResumedData } from './events/rollout/rollout-resumed';
export { RolloutStarted, RolloutStartedData } from './events/rollout/rollout-started';
export {
  AllAtOnceStrategy,
  CanaryStrategy,
  RollingStrategy,
  RolloutStrategy,
} from './events/rollout/rollout-strategy';
export { RolloutTarget } from './events/rollout/rollout-target';
export { TargetBackedUp, TargetBackedUpData } from './events/rollout/target-backed-up';
export { TargetBy } from './events/rollout/target-by';
export { TargetCleanedUp, TargetCleanedUpData } from './events/rollout/target-cleaned-up';
export { TargetCompleted, TargetCompletedData } from './events/rollout/target-completed';
export { TargetConfig } from './events/rollout/target-config';
export { TargetDrainingOld, TargetDrainingOldData } from './events/rollout/target-draining-old';
export { TargetError, TargetErrorClass } from './events/rollout/target-error';
export { TargetFailed, TargetFailedData } from './events/rollout/target-failed';
export { TargetHealthy, TargetHealthyData } from './events/rollout/target-healthy';
export { TargetId } from './events/rollout/target-id';
export { TargetRef } from './events/rollout/target-ref';
export { TargetRollbackFailed, TargetRollbackFailedData } from './events/rollout/target-rollback-failed';
export {
  TargetRollbackRequested,
  TargetRollbackRequestedData,
} from './events/rollout/target-rollback-requested';
export { TargetRolledBack, TargetRolledBackData } from './events/rollout/target-rolled-back';
export { TargetSettings } from './events/rollout/target-settings';
export { TargetSkipped, TargetSkippedData } from './events/rollout/target-skipped';
export { TargetStartFailed, TargetStartFailedData } from './events/rollout/target-start-failed';
export { TargetStartRequested, TargetStartRequestedData } from './events/rollout/target-start-requested';
export { TargetStarted, TargetStartedData } from './events/rollout/target-started';
export {
  AutoUpgradeSwitch,
  AutoUpgradeSwitched,
  AutoUpgradeSwitchedData,
} from './events/settings/auto-upgrade-switched';
export type { SettingsEventType } from './events/settings/settings-event';
export { SettingsEvent, settingsEventTypes } from './events/settings/settings-event';
export { settingsEventSchemas } from './events/settings/settings-event-schemas';
export { IDENTIFIER_PATTERN, Identifier, Namespace, PoolName, RunnerId, ServerId } from './identifiers';
export { InvalidTokenError } from './invalid-token-error';
export { REGISTRY_CONSUMER_NAME, runnerIngestStreamName } from './jetstream-names';
export { Labels } from './labels';
export { LogPosition, PositionString } from './log-position';
export type { ParseMessageResult } from './parse-message';
export { parseJsonMessage } from './parse-message';
export { AccessTokenList, AccessTokenView, CreatedAccessToken } from './read-models/access-token-view';
export { AutoUpgradeNamespaceView, AutoUpgradeView } from './read-models/auto-upgrade-view';
export { CatalogReply } from './read-models/catalog-reply';
export { DrainState, FINISHED_DRAIN_STATES } from './read-models/drain-state';
export { DrainView } from './read-models/drain-view';
export type { LogEntrySource } from './read-models/log-entry';
export { LogEntry, toLogEntry } from './read-models/log-entry';
export { CreatedDrain, OperatorDrainReply } from './read-models/operator-drain-reply';
export {
  CatalogVersionView,
  PoolConfigView,
  PoolView,
  VersionInService,
} from './read-models/pool-view';
export {
  RolloutListReply,
  RolloutTargetState,
  RolloutTargetView,
  RolloutView,
  RolloutViewStatus,
} from './read-models/rollout-view';
export { UndrainReply } from './read-models/undrain-reply';
export { WorkerDrain } from './read-models/worker-drain';
export { WorkerMapRow } from './read-models/worker-map-row';
export { WorkerStatus } from './read-models/worker-status';
export { StopReason } from './stop-reason';
export type { StreamName } from './streams';
export {
  accessStream,
  parseStreamName,
  poolStream,
  rolloutStream,
  StreamCategory,
  settingsStream,
} from './streams';
export type { RunnerSubject } from './subjects';
export {
  DEFAULT_SUBJECT_PREFIX,
  LauncherRequestKind,
  launcherSubject,
  parseQuerySubject,
  parseRunnerSubject,
  querySubject,
  queryWildcard,
  RunnerCommandKind,
  RunnerMessageKind,
  runnerCommandSubject,
  runnerMessageSubject,
  runnerMessageWildcard,
  SubjectPrefix,
} from './subjects';
export { IsoTimestamp } from './timestamp';
export { Build, MAX_VERSION, Version } from './version';
export { DrainCommand } from './wire/drain-command';
export { LauncherErrorClass, LauncherStartReply } from './wire/launcher-start-reply';
export { LauncherStartRequest } from './wire/launcher-start-request';
export { LauncherStatusReply } from './wire/launcher-status-reply';
export { LauncherStatusRequest } from './wire/launcher-status-request';
export { LauncherStopRequest } from './wire/launcher-stop-request';
export { RunnerConnectedMessage } from './wire/runner-connected-message';
export { RunnerDisconnectedMessage } from './wire/runner-disconnected-message';
export { RunnerHeartbeatMessage } from './wire/runner-heartbeat-message';
export { runnerCommandSchemas, runnerMessageSchemas } from './wire/runner-message-schemas';
export { StopCommand } from './wire/stop-command';
export { UndrainCommand } from './wire/undrain-command';
export type { WireJsonSchema } from './wire/wire-json-schemas';
export { wireJsonSchemas } from './wire/wire-json-schemas';
export type { WireMessageName } from './wire/wire-messages';
export { wireMessages } from './wire/wire-messages';
