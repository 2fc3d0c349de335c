export { DRAIN_PROCESS } from './drain-process/run-drain-process';
export { migrateDrainer } from './migrate-drainer';
export { RUNNER_COMMAND_EVENT_TYPES, routeRunnerCommand } from './runner-command-route';
export type { DrainerOptions, RunningDrainer } from './start-drainer';
export { startDrainer } from './start-drainer';
export type { RunnerCommandRelayOptions } from './start-runner-command-relay';
export { startRunnerCommandRelay } from './start-runner-command-relay';
