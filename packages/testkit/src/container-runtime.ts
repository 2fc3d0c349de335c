import { execFile } from 'node:child_process';

/** Whether `docker info` succeeds, i.e. a container engine answers (a docker client alone is not enough). */
export function containerRuntimeAnswers(timeoutMs = 10_000): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('docker', ['info'], { timeout: timeoutMs }, (error) => resolve(error === null));
  });
}
