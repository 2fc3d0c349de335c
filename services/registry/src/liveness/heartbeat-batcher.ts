import type { HeartbeatRecorded, HeartbeatSeen } from './record-heartbeats';

export interface HeartbeatBatcher {
  /** Resolves once the heartbeat is committed with its batch; null when the runner has no liveness row. */
  record(heartbeat: HeartbeatSeen): Promise<HeartbeatRecorded | null>;
}

export interface HeartbeatBatcherOptions {
  /** Writes one batch; see recordHeartbeats. */
  write(batch: readonly HeartbeatSeen[]): Promise<readonly HeartbeatRecorded[]>;
  /** Most heartbeats per statement. @default 500 */
  maxBatch?: number;
}

interface Waiting {
  heartbeat: HeartbeatSeen;
  resolve(recorded: HeartbeatRecorded | null): void;
  reject(error: unknown): void;
}

/**
 * Gathers the heartbeats that arrive within one turn of the event loop into one statement, so a fleet's
 * heartbeats cost a few round trips per turn instead of one each. A batch never names a runner twice (the
 * statement's contract): a second heartbeat of the same runner starts the next batch.
 */
export function heartbeatBatcher({ write, maxBatch = 500 }: HeartbeatBatcherOptions): HeartbeatBatcher {
  let batch = new Map<string, Waiting>();
  let scheduled: NodeJS.Immediate | undefined;

  const flush = () => {
    if (scheduled !== undefined) clearImmediate(scheduled);
    scheduled = undefined;
    const sealed = [...batch.values()];
    batch = new Map();
    if (sealed.length === 0) return;
    write(sealed.map((waiting) => waiting.heartbeat)).then(
      (recorded) => {
        const byKey = new Map(recorded.map((row) => [keyOf(row), row]));
        for (const waiting of sealed) waiting.resolve(byKey.get(keyOf(waiting.heartbeat)) ?? null);
      },
      (error: unknown) => {
        for (const waiting of sealed) waiting.reject(error);
      },
    );
  };

  return {
    record(heartbeat) {
      return new Promise((resolve, reject) => {
        const key = keyOf(heartbeat);
        if (batch.has(key)) flush();
        batch.set(key, { heartbeat, resolve, reject });
        if (batch.size >= maxBatch) flush();
        else scheduled ??= setImmediate(flush);
      });
    },
  };
}

function keyOf(runner: { namespace: string; runnerId: string }): string {
  return `${runner.namespace}/${runner.runnerId}`;
}
