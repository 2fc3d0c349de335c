import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { eventsOfTarget, SERVERS, useUpgraderStack } from './testing/use-upgrader-stack';

// Targets named by a runner label (one workspace per server here) instead of by server: the upgrader finds
// each target's runners by the label, starts the new version where they run, with the label they had.

const namespace = 'acme';
const database = useTestDatabase();
const nats = useTestNats();
const stack = useUpgraderStack(database, nats, namespace);
const WORKSPACES = ['acme', 'globex', 'initech'] as const;

describe('a rollout whose targets are the values of a label', () => {
  it('moves each workspace on the server its runners run on, keeping its label', async () => {
    await stack.seedPool('ws', [1, 2]);
    const workspaceOn = new Map<string, string>(
      SERVERS.map((serverId, index) => [serverId, WORKSPACES[index] ?? '']),
    );
    await stack.placeRunners('ws', 1, (serverId) => ({
      labels: { workspace: workspaceOn.get(serverId) ?? '' },
    }));
    stack.startUpgrader();

    const rolloutId = await stack.startRollout({
      pool: 'ws',
      version: 2,
      strategy: { kind: 'all-at-once' },
      targetBy: { by: 'label', key: 'workspace' },
      healthyWindowSeconds: 1,
      failureThreshold: { kind: 'count', count: 1 },
    });
    const rollout = await stack.finished(rolloutId);

    expect(rollout.outcome).toBe('completed');
    expect([...rollout.targets.keys()].sort()).toEqual([...WORKSPACES]);
    const events = await stack.rolloutEvents(rolloutId);
    const pool = await stack.pool('ws');
    if (pool.status !== 'open') throw new Error('no pool');
    WORKSPACES.forEach((workspace, index) => {
      expect(rollout.targets.get(workspace)?.status).toBe('done');
      expect(
        eventsOfTarget(events, workspace).filter((event) => event.type === 'TargetStarted'),
      ).toHaveLength(1);
      const [newRunner] = rollout.targets.get(workspace)?.newRunnerIds ?? [];
      expect(pool.runners.get(newRunner ?? '')).toMatchObject({
        version: 2,
        status: 'active',
        serverId: SERVERS[index],
        labels: { workspace },
      });
    });
  });
});
