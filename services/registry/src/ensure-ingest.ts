import {
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { ensureDurableConsumer, ensureStream } from '@rollcall/bus';
import { REGISTRY_CONSUMER_NAME, runnerMessageWildcard } from '@rollcall/contracts';
import { IngestStreamRetentionError } from './ingest-stream-retention-error';

export interface EnsureIngestOptions {
  /** The stream's name, normally `runnerIngestStreamName(prefix)`. */
  stream: string;
  prefix: string;
  /** Copies kept on a cluster (3 in production). @default 1 */
  replicas?: number;
  /** Time a message may stay unacknowledged before another replica gets it, in ms. @default 30000 */
  ackWaitMs?: number;
}

const STREAM_NAME_IN_USE = 10058;
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
  // bus's ensureStream leaves retention alone, and JetStream fixes it at creation: create it here first.
  await createWorkQueueStream(jsm, { stream, subjects, replicas });
  await ensureStream(jsm, {
    name: stream,
    subjects,
    duplicateWindowMs: DUPLICATE_WINDOW_MS,
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

async function createWorkQueueStream(
  jsm: JetStreamManager,
  { stream, subjects, replicas }: { stream: string; subjects: string[]; replicas: number },
): Promise<void> {
  try {
    const { config } = await jsm.streams.info(stream);
    if (config.retention !== RetentionPolicy.Workqueue) {
      throw new IngestStreamRetentionError(stream, config.retention);
    }
    return;
  } catch (error) {
    if (!hasApiCode(error, JetStreamApiCodes.StreamNotFound)) throw error;
  }
  try {
    await jsm.streams.add({
      name: stream,
      subjects,
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      num_replicas: replicas,
    });
  } catch (error) {
    // Another replica created it first; the next steps compare its configuration with ours.
    if (!hasApiCode(error, STREAM_NAME_IN_USE)) throw error;
  }
}

function hasApiCode(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}
