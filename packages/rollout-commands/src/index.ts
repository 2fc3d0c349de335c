export type { StartDecision } from './decide-start';
export { decideStart } from './decide-start';
export type {
  HandleRolloutCommandOptions,
  RolloutCommandResult,
  RolloutDecision,
} from './handle-rollout-command';
export { handleRolloutCommand, handleRolloutDecision } from './handle-rollout-command';
export type { LoadedRollout } from './load-rollout';
export { foldRolloutStream, loadRollout } from './load-rollout';
export { NoTargetsError } from './no-targets-error';
export { placesOfPool } from './places-of-pool';
export { PoolNotFoundError } from './pool-not-found-error';
export { rolloutEventRegistry } from './rollout-event-registry';
export { RolloutInFlightError } from './rollout-in-flight-error';
export { RolloutStrategyMissingError } from './rollout-strategy-missing-error';
export { rolloutViewOf } from './rollout-view-of';
export type { StartedRollout, StartRolloutContext } from './start-rollout';
export { startRollout } from './start-rollout';
export { StartRolloutRefusedError } from './start-rollout-refused-error';
export { StartRolloutRequest } from './start-rollout-request';
export { UnknownTargetError } from './unknown-target-error';
