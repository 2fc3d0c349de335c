import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import {
  SERVERS,
  TARGET_STEPS,
  type TimedRolloutEvent,
  useUpgraderStack,
} from './testing/use-upgrader-stack';

// A rolling rollout of a pool across three servers with real runner processes: the registry, the drainer,
// three local launchers and the upgrader in-process on this file's database and subject prefix. What is
// checked is the rollout's log (a result per target, each step once, in rolling order), the pool's log (the
// old runners drained for the rollout and stopped, the new ones serving) and what the launchers run.

const namespace = 'acme';
const database = useTestDatabase();
const nats = useTestNats();
const stack = useUpgraderStack(database, nats, namespace);

function stepOf(events: readonly TimedRolloutEvent[], targetId: string, type: (typeof TARGET_STEPS)[number]) {
  const found = events.filter(
    (event) => event.type === type && 'targetId' in event.data && event.data.targetId === targetId,
  );
  expect(found, `${type} of ${targetId}`).toHaveLength(1);
  const [event] = found;
  if (event === undefined) throw new Error(`no ${type} for ${targetId}`);
  return event;
}

describe('a rolling rollout across three servers', () => {
  it('moves every target to the new version, one at a time, with a result per target', async () => {
    await stack.seedPool('web', [1, 2]);
    const oldRunners = await stack.placeRunners('web', 1, { labels: { tier: 'gold' } });
    stack.startUpgrader();

    const startedAt = Date.now();
    const rolloutId = await stack.startRollout({
      pool: 'web',
      version: 2,
      strategy: { kind: 'rolling', batchSize: 1, maxUnavailable: 1 },
      healthyWindowSeconds: 1,
      failureThreshold: { kind: 'count', count: 1 },
    });
    const rollout = await stack.finished(rolloutId);
    const tookMs = Date.now() - startedAt;

    expect(rollout.outcome).toBe('completed');
    expect([...rollout.targets.values()].map((target) => [target.targetId, target.status])).toEqual(
      SERVERS.map((serverId) => [serverId, 'done']),
    );

    // Each step once per target, and the next target begins only once the one before is done.
    const events = await stack.rolloutEvents(rolloutId);
    SERVERS.forEach((serverId, index) => {
      const backedUp = stepOf(events, serverId, 'TargetBackedUp');
      expect(backedUp.data).toMatchObject({
        previousVersion: 1,
        // The backup is what the launcher started the old runner with.
        previousConfig: { heartbeatMs: 250, labels: { tier: 'gold' } },
        oldRunnerIds: [oldRunners[index]],
      });
      for (const type of TARGET_STEPS) stepOf(events, serverId, type);
      const previous = SERVERS[index - 1];
      if (previous !== undefined) {
        expect(events.indexOf(backedUp)).toBeGreaterThan(
          events.indexOf(stepOf(events, previous, 'TargetCompleted')),
        );
      }
    });
    expect(events.filter((event) => event.type === 'RolloutFinished')).toHaveLength(1);

    // The pool: old runners drained for the rollout (naming v2) and stopped; one v2 runner per server serves.
    const pool = await stack.pool('web');
    if (pool.status !== 'open') throw new Error('no pool');
    for (const runnerId of oldRunners) {
      expect(pool.runners.get(runnerId)).toMatchObject({
        status: 'stopped',
        drain: { reason: 'rollout', supersededBy: 2, requestedBy: 'rollcall:upgrader' },
      });
    }
    expect(pool.rolloutInFlight).toBeNull();
    for (const serverId of SERVERS) {
      const serving = [...pool.runners.values()].filter(
        (runner) => runner.serverId === serverId && runner.status === 'active',
      );
      expect(serving.map((runner) => runner.version)).toEqual([2]);
      // The new runner kept the target's config: the label it was started with.
      expect(serving[0]?.labels).toEqual({ tier: 'gold' });
      const status = await stack.launcherStatus(serverId);
      const running = status.runners.filter(
        (runner) => runner.pool === 'web' && runner.version === 2 && runner.state === 'running',
      );
      expect(running).toHaveLength(1);
      expect(running[0]?.config).toEqual({ heartbeatMs: 250, labels: { tier: 'gold' } });
    }

    reportTiming(events, tookMs, await stack.pool('web'));
  });
});

/** Where the time of the rollout went, per target and step (the figures docs/protocol.md quotes). */
function reportTiming(
  events: readonly TimedRolloutEvent[],
  tookMs: number,
  pool: Awaited<ReturnType<typeof stack.pool>>,
) {
  const at = (serverId: string, type: (typeof TARGET_STEPS)[number]) =>
    stepOf(events, serverId, type).recordedAt.getTime();
  const lines = SERVERS.map((serverId) => {
    const started = stepOf(events, serverId, 'TargetStarted');
    const newRunner = 'runnerIds' in started.data ? started.data.runnerIds[0] : undefined;
    const connectedAt =
      pool.status === 'open' && newRunner !== undefined
        ? Date.parse(pool.runners.get(newRunner)?.connectedAt ?? '')
        : Number.NaN;
    return [
      serverId,
      `back-up+launch ${at(serverId, 'TargetStarted') - at(serverId, 'TargetBackedUp')} ms`,
      `connect ${connectedAt - at(serverId, 'TargetStarted')} ms`,
      `health window ${at(serverId, 'TargetHealthy') - connectedAt} ms`,
      `drain request ${at(serverId, 'TargetDrainingOld') - at(serverId, 'TargetHealthy')} ms`,
      `old runner stop ${at(serverId, 'TargetCompleted') - at(serverId, 'TargetDrainingOld')} ms`,
    ].join(', ');
  });
  process.stdout.write(
    `rolling rollout of 3 targets (window 1 s): ${tookMs} ms end to end\n  ${lines.join('\n  ')}\n`,
  );
}
