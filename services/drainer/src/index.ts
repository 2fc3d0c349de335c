export { RUNNER_COMMAND_EVENT_TYPES, routeRunnerCommand } from './runner-command-route';
export type { RunnerCommandRelayOptions } from './start-runner-command-relay';
export { RUNNER_COMMANDS_SUBSCRIPTION, startRunnerCommandRelay } from './start-runner-command-relay';
