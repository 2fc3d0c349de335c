/** A command met a concurrent writer on every attempt; its message is redelivered and tried afresh. */
export class AppendRetriesExhaustedError extends Error {
  override readonly name = 'AppendRetriesExhaustedError';
  readonly streamName: string;
  readonly attempts: number;

  constructor(streamName: string, attempts: number, options?: ErrorOptions) {
    super(
      `gave up appending to ${streamName} after ${attempts} attempts: other writers kept moving it`,
      options,
    );
    this.streamName = streamName;
    this.attempts = attempts;
  }
}
