import { describe, expect, it } from 'vitest';
import { heartbeatBatcher } from './heartbeat-batcher';
import type { HeartbeatRecorded, HeartbeatSeen } from './record-heartbeats';

const at = new Date('2026-01-31T12:00:00.000Z');

function heartbeat(runnerId: string, activeSessions = 0): HeartbeatSeen {
  return { namespace: 'acme', runnerId, activeSessions, at };
}

/** A writer that knows runners a and b, and remembers each batch it was given. */
function recordingWriter() {
  const batches: string[][] = [];
  const write = async (batch: readonly HeartbeatSeen[]): Promise<HeartbeatRecorded[]> => {
    batches.push(batch.map((h) => `${h.runnerId}:${h.activeSessions}`));
    return batch
      .filter((h) => h.runnerId === 'a' || h.runnerId === 'b')
      .map((h) => ({
        namespace: h.namespace,
        runnerId: h.runnerId,
        pool: 'web',
        previousSessions: 0,
        applied: true,
      }));
  };
  return { batches, write };
}

describe('heartbeatBatcher', () => {
  it('writes the heartbeats of one turn in one batch and answers each', async () => {
    const writer = recordingWriter();
    const batcher = heartbeatBatcher({ write: writer.write });
    const [a, b, unknown] = await Promise.all([
      batcher.record(heartbeat('a', 1)),
      batcher.record(heartbeat('b', 2)),
      batcher.record(heartbeat('x')),
    ]);
    expect(writer.batches).toEqual([['a:1', 'b:2', 'x:0']]);
    expect(a?.runnerId).toBe('a');
    expect(b?.pool).toBe('web');
    expect(unknown).toBeNull();
  });

  it('starts a new batch for a second heartbeat of the same runner, and at maxBatch', async () => {
    const writer = recordingWriter();
    const batcher = heartbeatBatcher({ write: writer.write, maxBatch: 2 });
    await Promise.all([
      batcher.record(heartbeat('a', 1)),
      batcher.record(heartbeat('a', 2)),
      batcher.record(heartbeat('b')),
      batcher.record(heartbeat('x')),
      batcher.record(heartbeat('y')),
    ]);
    expect(writer.batches).toEqual([['a:1'], ['a:2', 'b:0'], ['x:0', 'y:0']]);
  });

  it('fails every heartbeat of a batch whose write failed', async () => {
    const batcher = heartbeatBatcher({
      write: async () => {
        throw new Error('database gone');
      },
    });
    const results = await Promise.allSettled([
      batcher.record(heartbeat('a')),
      batcher.record(heartbeat('b')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});
