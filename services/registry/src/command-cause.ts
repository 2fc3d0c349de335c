import type { IngestMeta } from './ingest-meta';

/** What made the registry run a command: the idempotency key its event ids derive from, and a causation id. */
export interface CommandCause {
  /** Equal for a redelivery of the same message (or a repeat of the same timer decision), distinct otherwise. */
  readonly key: string;
  /** Goes to event metadata and log lines: the `Nats-Msg-Id`, or where the message sat in its stream. */
  readonly causationId: string;
}

/**
 * A message's cause. With a `Nats-Msg-Id` the key is that id on that subject (so a runner re-publishing the
 * same message with the same id appends once); without one it is the message's place in the stream, which a
 * redelivery keeps. The store time guards against a recreated stream that numbers messages from 1 again.
 */
export function messageCause(meta: IngestMeta): CommandCause {
  if (meta.msgId !== undefined) {
    return { key: `nats-msg-id|${meta.subject}|${meta.msgId}`, causationId: meta.msgId };
  }
  return {
    key: `nats-stream-seq|${meta.stream}|${meta.streamSequence}|${meta.storedAtNanos}`,
    causationId: `${meta.stream}:${meta.streamSequence}`,
  };
}
