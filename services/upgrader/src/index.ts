export { UpgraderEnv } from './config';
export type { LauncherClient, LauncherClientOptions, LauncherRunner } from './launcher-client';
export { launcherClient } from './launcher-client';
export { UPGRADER_ACTOR } from './rollout-process/step-context';
export type { RunningUpgrader, UpgraderOptions } from './start-upgrader';
export { startUpgrader } from './start-upgrader';
export type { UpgraderMetrics } from './upgrader-metrics';
export { upgraderMetrics } from './upgrader-metrics';
