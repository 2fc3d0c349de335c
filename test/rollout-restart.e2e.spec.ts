import { PoolEvent, poolStream } from '@rollcall/contracts';
import { readStream } from '@rollcall/eventlog';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { startUpgraderProcess, type UpgraderProcess } from './testing/upgrader-process';
import { eventsOfTarget, SERVERS, TARGET_STEPS, useUpgraderStack } from './testing/use-upgrader-stack';

// The upgrader is a process manager on the log: killed (SIGKILL, no shutdown step) in the middle of a
// rollout, a new one resumes from the log and finishes it, without repeating a step that was done: each
// step's event once per target, one drain per old runner, one new runner started per server.

const namespace = 'acme';
const database = useTestDatabase();
const nats = useTestNats();
const stack = useUpgraderStack(database, nats, namespace);
let first: UpgraderProcess | undefined;

afterAll(async () => {
  await first?.kill();
});

describe('an upgrader killed mid-rollout', () => {
  it('is replaced by one that finishes the rollout from the log, repeating no step', async () => {
    await stack.seedPool('web', [1, 2]);
    const oldRunners = await stack.placeRunners('web', 1);
    first = await startUpgraderProcess(database, nats);
    await first.ready();

    const rolloutId = await stack.startRollout({
      pool: 'web',
      version: 2,
      strategy: { kind: 'rolling', batchSize: 1, maxUnavailable: 1 },
      healthyWindowSeconds: 1,
      failureThreshold: { kind: 'count', count: 1 },
    });
    // Killed while the second target's start has been asked for: its launch may or may not have happened.
    await stack.targetReached(rolloutId, 'server-b', 'TargetStartRequested');
    await first.kill();
    stack.startUpgrader();

    const rollout = await stack.finished(rolloutId);
    expect(rollout.outcome).toBe('completed');
    const events = await stack.rolloutEvents(rolloutId);
    for (const serverId of SERVERS) {
      expect(rollout.targets.get(serverId)?.status).toBe('done');
      expect(eventsOfTarget(events, serverId).map((event) => event.type)).toEqual(TARGET_STEPS);
      // One new runner per server ever started (exited ones stay listed by the launcher).
      const status = await stack.launcherStatus(serverId);
      expect(status.runners.filter((runner) => runner.pool === 'web' && runner.version === 2)).toHaveLength(
        1,
      );
    }
    expect(events.filter((event) => event.type === 'RolloutFinished')).toHaveLength(1);

    const drains: string[] = [];
    let ends = 0;
    for await (const recorded of readStream(database.db, { streamName: poolStream(namespace, 'web') })) {
      const event = PoolEvent.parse({ type: recorded.type, data: recorded.data });
      if (event.type === 'RunnerDrainRequested') drains.push(event.data.runnerId);
      if (event.type === 'RolloutEnded') ends += 1;
    }
    expect(drains.sort()).toEqual([...oldRunners].sort());
    expect(ends).toBe(1);
  });
});
