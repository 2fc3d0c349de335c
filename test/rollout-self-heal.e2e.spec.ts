import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { eventsOfTarget, SERVERS, useUpgraderStack } from './testing/use-upgrader-stack';

// A launcher whose cached artifact of the new version is corrupt answers artifact_invalid; the upgrader asks
// once more with forceRefresh, the launcher fetches it again, and the target moves like the others.

const namespace = 'acme';
const database = useTestDatabase();
const nats = useTestNats();
const stack = useUpgraderStack(database, nats, namespace);

describe('a stale or corrupt cached artifact', () => {
  it('heals a corrupt cached artifact through one forced refresh', async () => {
    await stack.seedPool('cache', [1, 2]);
    await stack.placeRunners('cache', 1);
    // server-c's cache entry of v2 is damaged before the rollout reaches it.
    const entry = stack.launcher('server-c').cache.entryPath('cache', 2);
    await mkdir(dirname(entry), { recursive: true });
    await writeFile(entry, '{"pool": "cache", "version": 2, truncated');
    stack.startUpgrader();

    const rolloutId = await stack.startRollout({
      pool: 'cache',
      version: 2,
      strategy: { kind: 'all-at-once' },
      healthyWindowSeconds: 1,
      failureThreshold: { kind: 'count', count: 1 },
    });
    const rollout = await stack.finished(rolloutId);

    expect(rollout.outcome).toBe('completed');
    const events = await stack.rolloutEvents(rolloutId);
    const healed = eventsOfTarget(events, 'server-c');
    expect(healed.map((event) => event.type)).toEqual([
      'TargetBackedUp',
      'TargetStartRequested',
      'TargetStartFailed',
      'TargetStartRequested',
      'TargetStarted',
      'TargetHealthy',
      'TargetDrainingOld',
      'TargetCompleted',
    ]);
    expect(healed[2]?.data).toMatchObject({
      attempt: 1,
      error: { class: 'artifact_invalid' },
      retrying: true,
    });
    expect(healed[3]?.data).toMatchObject({ attempt: 2, forceRefresh: true });
    for (const serverId of ['server-a', 'server-b']) {
      expect(
        eventsOfTarget(events, serverId).filter((event) => event.type === 'TargetStartRequested'),
      ).toHaveLength(1);
    }
    // The old runners stopped (the pool says so); their processes exit after that.
    for (const serverId of SERVERS) await stack.settlesOn('cache', serverId, { active: [2], running: [2] });
  });
});
