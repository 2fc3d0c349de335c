import type { JetStreamManager } from '@nats-io/jetstream';
import { ensureDurableConsumer, ensureStream } from '@rollcall/bus';
import { REGISTRY_CONSUMER_NAME, runnerMessageWildcard } from '@rollcall/contracts';

export interface EnsureIngestOptions {
  /** The stream's name, normally `runnerIngestStreamName(prefix)`. */
  stream: string;
  prefix: string;
  /** Copies kept on a cluster (3 in production). @default 1 */
  replicas?: number;
  /** Time a message may stay unacknowledged before another replica gets it, in ms. @default 30000 */
  ackWaitMs?: number;
}

const DUPLICATE_WINDOW_MS = 120_000;
const MAX_ACK_PENDING = 65_536;

/**
 * Makes the runner ingest exist, from any replica, at any start: a WorkQueue stream capturing
 * `<prefix>.v1.*.runner.*` (a message is gone once acknowledged, and a repeated `Nats-Msg-Id` within two
 * minutes is stored once), and the durable pull consumer every registry replica shares.
 */
export async function ensureIngest(jsm: JetStreamManager, options: EnsureIngestOptions): Promise<void> {
  const { stream } = options;
  const subjects = [runnerMessageWildcard(options.prefix)];
  const replicas = options.replicas ?? 1;
  await ensureStream(jsm, {
    name: stream,
    subjects,
    duplicateWindowMs: DUPLICATE_WINDOW_MS,
    // An existing stream of another retention (e.g. made by hand) is refused: acknowledged messages would
    // pile up in it forever.
    retention: 'workqueue',
    replicas,
    description: 'Rollcall runner messages (connected, heartbeat, disconnected), consumed by the registry',
  });
  await ensureDurableConsumer(jsm, {
    stream,
    durable: REGISTRY_CONSUMER_NAME,
    filterSubjects: subjects,
    ackWaitMs: options.ackWaitMs ?? 30_000,
    // Every replica keeps thousands of messages in hand to batch them; the server's default (1000) would
    // starve the batches of a busy registry.
    maxAckPending: MAX_ACK_PENDING,
    description: 'Shared by every registry replica',
  });
}
