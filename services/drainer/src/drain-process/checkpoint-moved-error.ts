/**
 * The drain process's checkpoint was not where this leader left it: another instance leads now (this one's
 * lock session was lost), or an operator moved it for a replay. The leader starts over from the log.
 */
export class CheckpointMovedError extends Error {
  override readonly name = 'CheckpointMovedError';
  readonly consumer: string;
  readonly expected: bigint | null;

  constructor(consumer: string, expected: bigint | null, found: string, options?: ErrorOptions) {
    super(`checkpoint of ${consumer} was not at ${expected ?? 'none'} (${found})`, options);
    this.consumer = consumer;
    this.expected = expected;
  }
}
