import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { eventsOfTarget, SERVERS, useUpgraderStack } from './testing/use-upgrader-stack';

// Rollouts that go wrong, with real runner processes and the local launchers: a start that fails on one
// server, and a canary whose new runners do not stay healthy (a corrupt cached artifact is in
// rollout-self-heal.e2e.spec.ts). In each, what the rollout's log says happened per target, and that no target is left half-done: the pool
// and the launchers show what serves it afterwards.

const namespace = 'acme';
const database = useTestDatabase();
const nats = useTestNats();
const stack = useUpgraderStack(database, nats, namespace);

describe('a rollout that goes wrong', () => {
  it('fails the target whose start fails, keeps its old version serving, and finishes the others', async () => {
    // The local launcher's test hook: the new version's start on server-b answers start_failed.
    await stack.seedPool('api', [1, 2], { targets: { 'server-b': { extraConfig: { failStart: true } } } });
    await stack.placeRunners('api', 1);
    stack.startUpgrader();

    const rolloutId = await stack.startRollout({
      pool: 'api',
      version: 2,
      strategy: { kind: 'all-at-once' },
      healthyWindowSeconds: 1,
      failureThreshold: { kind: 'count', count: 2 },
    });
    const rollout = await stack.finished(rolloutId);

    expect(rollout.outcome).toBe('completed');
    expect(rollout.targets.get('server-b')).toMatchObject({
      status: 'failed',
      failure: { during: 'start', error: { class: 'start_failed' } },
    });
    expect(rollout.targets.get('server-a')?.status).toBe('done');
    expect(rollout.targets.get('server-c')?.status).toBe('done');
    const events = await stack.rolloutEvents(rolloutId);
    expect(eventsOfTarget(events, 'server-b').map((event) => event.type)).toEqual([
      'TargetBackedUp',
      'TargetStartRequested',
      'TargetStartFailed',
      'TargetFailed',
    ]);
    // The old runners of the done targets stopped (the pool says so) and their processes exit after that.
    await stack.settlesOn('api', 'server-b', { active: [1], running: [1] });
    await stack.settlesOn('api', 'server-a', { active: [2], running: [2] });
    await stack.settlesOn('api', 'server-c', { active: [2], running: [2] });
  });

  it('rolls back when the canary does not stay healthy: nothing else moves, every server keeps its old version', async () => {
    // The canary (the first target) starts a version that crashes within the health window.
    await stack.seedPool('canary', [1, 2], {
      targets: { 'server-a': { extraConfig: { crashAfterMs: 300 } } },
    });
    await stack.placeRunners('canary', 1);
    stack.startUpgrader();

    const rolloutId = await stack.startRollout({
      pool: 'canary',
      version: 2,
      strategy: { kind: 'canary', canaryCount: 1, gate: 'health' },
      healthyWindowSeconds: 2,
      failureThreshold: { kind: 'count', count: 1 },
    });
    const rollout = await stack.finished(rolloutId);

    expect(rollout.outcome).toBe('rolled_back');
    expect(rollout.targets.get('server-a')).toMatchObject({
      status: 'failed',
      cleanupPending: false,
      failure: { during: 'health', error: { class: 'unhealthy' } },
    });
    expect(rollout.targets.get('server-b')?.status).toBe('skipped');
    expect(rollout.targets.get('server-c')?.status).toBe('skipped');
    const events = await stack.rolloutEvents(rolloutId);
    expect(events.filter((event) => event.type === 'GateFailed')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ how: 'canary_failed', targetId: 'server-a' }),
      }),
    ]);
    expect(events.filter((event) => event.type === 'RollbackStarted')).toHaveLength(1);
    // At once: the clean-up had the crashed canary runner stopped through its launcher (stopping, or
    // exited), not only seen stopped in the pool, and no old runner was drained.
    for (const serverId of SERVERS) {
      expect(await stack.servingOn('canary', serverId)).toEqual({ active: [1], running: [1] });
    }
  });
});
