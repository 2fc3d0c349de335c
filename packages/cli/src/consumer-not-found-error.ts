/** `events replay` names a consumer that never stored a checkpoint (most likely a typo). */
export class ConsumerNotFoundError extends Error {
  override readonly name = 'ConsumerNotFoundError';

  constructor(readonly consumer: string) {
    super(
      `no consumer named "${consumer}" has a checkpoint; check the name (e.g. read-models) or start the consumer once`,
    );
  }
}
