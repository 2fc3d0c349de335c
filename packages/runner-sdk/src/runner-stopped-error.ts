/** `start()` on a runner that has already stopped: a stopped runner is never reused, create a new one. */
export class RunnerStoppedError extends Error {
  override readonly name = 'RunnerStoppedError';
  readonly runnerId: string;

  constructor(runnerId: string, options?: ErrorOptions) {
    super(`runner ${runnerId} has stopped; create a new runner to connect again`, options);
    this.runnerId = runnerId;
  }
}
