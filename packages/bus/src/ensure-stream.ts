import {
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { EnsureOutcome } from './ensure-outcome';
import { hasApiCode, STREAM_NAME_IN_USE, STREAM_NOT_FOUND } from './jetstream-api-code';
import { StreamConfigConflictError } from './stream-config-conflict-error';

export type EnsureStreamOptions = {
  name: string;
  /** Subjects the stream captures; may contain wildcards. */
  subjects: string[];
  /** Window in which a repeated `Nats-Msg-Id` is stored once. @default 120_000 (the server's default) */
  duplicateWindowMs?: number;
  /** Messages older than this are removed; 0 keeps them until other limits apply. @default 0 */
  maxAgeMs?: number;
  /** Cannot change once the stream exists. @default 'file' */
  storage?: 'file' | 'memory';
  /**
   * When a message goes: at the limits, once every interested consumer acknowledged it, or once one did
   * (a work queue). Cannot change once the stream exists. @default 'limits'
   */
  retention?: RetentionPolicy;
  /** Copies kept on a cluster (3 for production). @default 1 */
  replicas?: number;
  description?: string;
};

/**
 * Makes the stream exist with this configuration: creates it, updates the fields that differ, or leaves it
 * alone. Safe to call from every replica at every start, concurrently. A difference the server cannot
 * update in place (storage, retention) throws {@link StreamConfigConflictError}.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  options: EnsureStreamOptions,
): Promise<EnsureOutcome> {
  const desired = desiredConfig(options);
  const current = await streamInfo(jsm, options.name);
  if (current === undefined) {
    try {
      await jsm.streams.add(desired);
      return 'created';
    } catch (error) {
      // Another replica created it between our info and add; fall through to compare with theirs.
      if (!hasApiCode(error, STREAM_NAME_IN_USE)) throw error;
      return ensureStream(jsm, options);
    }
  }
  if (current.config.storage !== desired.storage) {
    throw new StreamConfigConflictError(options.name, 'storage', current.config.storage, desired.storage);
  }
  if (current.config.retention !== desired.retention) {
    throw new StreamConfigConflictError(
      options.name,
      'retention',
      current.config.retention,
      desired.retention,
    );
  }
  if (sameConfig(current.config, desired)) return 'unchanged';
  const { name, storage, retention, ...updatable } = desired;
  await jsm.streams.update(name, updatable);
  return 'updated';
}

function desiredConfig(options: EnsureStreamOptions) {
  return {
    name: options.name,
    subjects: options.subjects,
    duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
    max_age: nanos(options.maxAgeMs ?? 0),
    storage: options.storage === 'memory' ? StorageType.Memory : StorageType.File,
    retention: options.retention ?? RetentionPolicy.Limits,
    num_replicas: options.replicas ?? 1,
    description: options.description ?? '',
  } satisfies Partial<StreamConfig>;
}

function sameConfig(current: StreamConfig, desired: ReturnType<typeof desiredConfig>): boolean {
  return (
    sameSet(current.subjects ?? [], desired.subjects) &&
    current.duplicate_window === desired.duplicate_window &&
    current.max_age === desired.max_age &&
    current.num_replicas === desired.num_replicas &&
    (current.description ?? '') === desired.description
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

async function streamInfo(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (error) {
    if (hasApiCode(error, STREAM_NOT_FOUND)) return undefined;
    throw error;
  }
}
