/** Another writer moved the pool's stream between every read and append; nothing was written. */
export class PoolCommandRetriesExhaustedError extends Error {
  override readonly name = 'PoolCommandRetriesExhaustedError';
  readonly streamName: string;
  readonly attempts: number;

  constructor(streamName: string, attempts: number, options?: ErrorOptions) {
    super(`gave up on ${streamName} after ${attempts} attempts: other writers kept changing it`, options);
    this.streamName = streamName;
    this.attempts = attempts;
  }
}
