import { access } from 'node:fs/promises';
import { LauncherError } from './launcher-error';

/** The only scheme the local launcher knows: `example-runner:<anything>` runs the SDK's example runner. */
export const EXAMPLE_RUNNER_SCHEME = 'example-runner:';

/** Turns an artifact reference into the runner program to start; the local launcher's "download". */
export type FetchArtifact = (artifact: string) => Promise<string>;

/** Fetches `example-runner:` artifacts as `exampleRunnerEntry`, checking that the file is there. */
export function localArtifactFetcher(exampleRunnerEntry: string): FetchArtifact {
  return async (artifact) => {
    if (!artifact.startsWith(EXAMPLE_RUNNER_SCHEME)) {
      throw new LauncherError(
        'artifact_unavailable',
        `artifact "${artifact}" has a scheme this local launcher cannot fetch (it knows ${EXAMPLE_RUNNER_SCHEME}<anything>)`,
      );
    }
    try {
      await access(exampleRunnerEntry);
    } catch (error) {
      throw new LauncherError(
        'artifact_unavailable',
        `artifact "${artifact}": the example runner ${exampleRunnerEntry} is not readable`,
        { cause: error },
      );
    }
    return exampleRunnerEntry;
  };
}
