export { Actor } from './actor';
export { Artifact, Digest } from './artifact';
export { describeIssues } from './describe-issues';
export { DrainReason } from './drain-reason';
export { EventMetadata } from './events/event-metadata';
export { PoolConfigured, PoolConfiguredData } from './events/pool/pool-configured';
export type { PoolEventType } from './events/pool/pool-event';
export { PoolEvent, poolEventTypes } from './events/pool/pool-event';
export { poolEventSchemas } from './events/pool/pool-event-schemas';
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
export { IDENTIFIER_PATTERN, Identifier, Namespace, PoolName, RunnerId, ServerId } from './identifiers';
export { InvalidTokenError } from './invalid-token-error';
export { REGISTRY_CONSUMER_NAME, runnerIngestStreamName } from './jetstream-names';
export { Labels } from './labels';
export type { ParseMessageResult } from './parse-message';
export { parseJsonMessage } from './parse-message';
export {
  CatalogVersionView,
  PoolConfigView,
  PoolView,
  VersionInService,
} from './read-models/pool-view';
export { WorkerDrain } from './read-models/worker-drain';
export { WorkerMapRow } from './read-models/worker-map-row';
export { WorkerStatus } from './read-models/worker-status';
export { StopReason } from './stop-reason';
export type { StreamName } from './streams';
export { accessStream, parseStreamName, poolStream, rolloutStream, StreamCategory } from './streams';
export type { RunnerSubject } from './subjects';
export {
  DEFAULT_SUBJECT_PREFIX,
  LauncherRequestKind,
  launcherSubject,
  parseRunnerSubject,
  querySubject,
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
