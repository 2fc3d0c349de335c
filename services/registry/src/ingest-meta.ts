/** What the ingest stream says about a message besides its payload. */
export interface IngestMeta {
  readonly subject: string;
  /** `Nats-Msg-Id`, when the runner set one. */
  readonly msgId: string | undefined;
  readonly stream: string;
  readonly streamSequence: number;
  /** When JetStream stored it: the runner's "seen at", immune to the registry's backlog. */
  readonly storedAt: Date;
  /** The same instant at the server's full precision. */
  readonly storedAtNanos: bigint;
  /** 1 on the first delivery. */
  readonly deliveryCount: number;
}
