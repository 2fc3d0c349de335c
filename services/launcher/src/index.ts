export { ArtifactCache, type ArtifactCacheOptions, type ResolveArtifactRequest } from './artifact-cache';
export { artifactDigest } from './artifact-digest';
export { ArtifactManifest } from './artifact-manifest';
export { LauncherEnv } from './config';
export { EXAMPLE_RUNNER_SCHEME, type FetchArtifact, localArtifactFetcher } from './fetch-artifact';
export { LauncherError } from './launcher-error';
export { type LauncherMetrics, launcherMetrics } from './launcher-metrics';
export { LauncherStopReply } from './launcher-stop-reply';
export { LocalRunnerConfig, localRunnerFlags, parseLocalRunnerConfig } from './local-runner-config';
export {
  RunnerProcesses,
  type RunnerProcessesOptions,
  RunnerProcessStatus,
  type StartRunnerProcess,
  type StopOutcome,
} from './runner-processes';
export { type Launcher, type StartLauncherOptions, startLauncher } from './start-launcher';
