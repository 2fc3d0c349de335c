/** Another writer moved the stream (a rollout's, or the pool's for a start) between every read and append. */
export class RolloutCommandRetriesExhaustedError extends Error {
  override readonly name = 'RolloutCommandRetriesExhaustedError';
  readonly streamName: string;
  readonly attempts: number;

  constructor(streamName: string, attempts: number, options?: ErrorOptions) {
    super(`gave up on ${streamName} after ${attempts} attempts: other writers kept changing it`, options);
    this.streamName = streamName;
    this.attempts = attempts;
  }
}
