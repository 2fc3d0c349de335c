import { handleRolloutCommand } from '@rollcall/rollout-commands';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { SERVERS, useUpgraderStack } from './testing/use-upgrader-stack';

// An operator's rollback of a rollout that already moved a target: the done target gets exactly its backed-up
// version and config back (its old runners stopped, so the previous version is started again), a target
// in the middle of its move is undone, and the ones not begun are skipped. An abort undoes the target that
// is starting. Real runners, local launchers.

const namespace = 'acme';
const database = useTestDatabase();
const nats = useTestNats();
const stack = useUpgraderStack(database, nats, namespace);

describe('an operator undoing a rollout', () => {
  it('returns every moved target to exactly its recorded previous version and config', async () => {
    await stack.seedPool('back', [1, 2]);
    const oldRunners = await stack.placeRunners('back', 1, { labels: { tier: 'gold' } });
    stack.startUpgrader();
    const rolloutId = await stack.startRollout({
      pool: 'back',
      version: 2,
      strategy: { kind: 'rolling', batchSize: 1, maxUnavailable: 1 },
      healthyWindowSeconds: 1,
      failureThreshold: { kind: 'count', count: 1 },
    });
    await stack.targetReached(rolloutId, 'server-a', 'TargetCompleted');

    await handleRolloutCommand(database.db, {
      type: 'RollbackRollout',
      data: { namespace, rolloutId },
      metadata: { now: new Date(), actor: 'operator:e2e' },
    });
    const rollout = await stack.finished(rolloutId);

    expect(rollout.outcome).toBe('rolled_back');
    const moved = rollout.targets.get('server-a');
    expect(moved?.status).toBe('rolled_back');
    expect(moved?.restoredRunnerIds).toHaveLength(1);
    // A runner started again, never the stopped old one, though its process may not have exited yet.
    expect(moved?.backup?.oldRunnerIds).toEqual([oldRunners[0]]);
    expect(moved?.restoredRunnerIds).not.toContain(oldRunners[0]);
    expect(['rolled_back', 'skipped']).toContain(rollout.targets.get('server-b')?.status);
    expect(rollout.targets.get('server-c')?.status).toBe('skipped');

    // server-a runs v1 again, started with the config its backup recorded; its v2 runner was stopped.
    const status = await stack.launcherStatus('server-a');
    const restored = status.runners.find((runner) => runner.runnerId === moved?.restoredRunnerIds[0]);
    expect(restored).toMatchObject({
      pool: 'back',
      version: 1,
      state: 'running',
      config: moved?.backup?.previousConfig,
    });
    expect(moved?.backup?.previousConfig).toEqual({ heartbeatMs: 250, labels: { tier: 'gold' } });
    for (const serverId of SERVERS) await stack.settlesOn('back', serverId, { active: [1], running: [1] });
  });

  it('aborting while a target starts undoes it: its new runner stopped, its old one serving as before', async () => {
    await stack.seedPool('abort', [1, 2]);
    const oldRunners = await stack.placeRunners('abort', 1);
    stack.startUpgrader();
    const rolloutId = await stack.startRollout({
      pool: 'abort',
      version: 2,
      strategy: { kind: 'rolling', batchSize: 1, maxUnavailable: 1 },
      healthyWindowSeconds: 30,
      failureThreshold: { kind: 'count', count: 1 },
    });
    await stack.targetReached(rolloutId, 'server-a', 'TargetStarted');

    await handleRolloutCommand(database.db, {
      type: 'AbortRollout',
      data: { namespace, rolloutId, reason: 'e2e' },
      metadata: { now: new Date(), actor: 'operator:e2e' },
    });
    const rollout = await stack.finished(rolloutId);

    expect(rollout.outcome).toBe('aborted');
    const undone = rollout.targets.get('server-a');
    expect(undone?.status).toBe('rolled_back');
    // Never drained, so the old runner is what serves the target again; nothing was started for it.
    expect(undone?.restoredRunnerIds).toEqual([oldRunners[0]]);
    expect(rollout.targets.get('server-b')?.status).toBe('skipped');
    for (const serverId of SERVERS) await stack.settlesOn('abort', serverId, { active: [1], running: [1] });
  });
});
