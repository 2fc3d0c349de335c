import type { RunnerStatus } from './runner-lifecycle';

/** A new session was refused: the runner is draining, stopping or stopped. */
export class RunnerDrainingError extends Error {
  override readonly name = 'RunnerDrainingError';
  readonly runnerId: string;
  readonly status: RunnerStatus;

  constructor(runnerId: string, status: RunnerStatus, options?: ErrorOptions) {
    super(`runner ${runnerId} is ${status} and takes no new sessions`, options);
    this.runnerId = runnerId;
    this.status = status;
  }
}
