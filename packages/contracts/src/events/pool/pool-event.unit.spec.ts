import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../describe-issues';
import { PoolEvent, poolEventTypes } from './pool-event';
import { poolEventSchemas } from './pool-event-schemas';

const at = '2026-01-31T12:00:00.000Z';
const pool = { namespace: 'acme', pool: 'web' };

// One valid event of each type, as the domain would emit it.
const examples: PoolEvent[] = [
  {
    type: 'PoolConfigured',
    data: {
      ...pool,
      drainOnVersionUpgrade: true,
      drainTimeoutSeconds: 900,
      autoUpgrade: false,
      maxVersionStep: 10,
    },
    metadata: { actor: 'operator:alice', correlationId: 'c-1' },
  },
  {
    type: 'RunnerConnected',
    data: {
      ...pool,
      runnerId: 'web-2',
      version: 43,
      build: 'abc',
      serverId: 'host-1',
      slots: 4,
      labels: { workspace: 'acme' },
      connectedAt: at,
    },
  },
  {
    type: 'RunnerDrainRequested',
    data: {
      ...pool,
      runnerId: 'web-1',
      reason: 'version_upgrade',
      supersededBy: 43,
      deadline: '2026-01-31T12:15:00.000Z',
      requestedAt: at,
      requestedBy: 'runner:web-2',
    },
  },
  { type: 'RunnerUndrained', data: { ...pool, runnerId: 'web-1', requestedBy: 'operator:alice', at } },
  { type: 'RunnerBecameIdle', data: { ...pool, runnerId: 'web-1', at } },
  { type: 'RunnerBecameBusy', data: { ...pool, runnerId: 'web-1', activeSessions: 2, at } },
  {
    type: 'RunnerStopRequested',
    data: { ...pool, runnerId: 'web-1', forced: false, reason: 'drain_complete', requestedAt: at },
  },
  { type: 'RunnerStopped', data: { ...pool, runnerId: 'web-1', reason: 'bye', at } },
  {
    type: 'RunnerLost',
    data: { ...pool, runnerId: 'web-1', reason: 'missed_heartbeats', lastSeenAt: at, at },
  },
  {
    type: 'VersionClaimRefused',
    data: {
      ...pool,
      runnerId: 'web-9',
      version: 2_147_483_647,
      highestKnownVersion: 43,
      reason: 'max_version_step_exceeded',
      at,
    },
  },
  {
    type: 'VersionPublished',
    data: {
      ...pool,
      version: 44,
      build: '1.4.2',
      artifact: 'registry.example.com/acme/web:44',
      publishedAt: at,
      publishedBy: 'operator:alice',
    },
  },
  { type: 'VersionYanked', data: { ...pool, version: 44, reason: 'crashes on boot', at } },
  {
    type: 'RolloutBegan',
    data: {
      ...pool,
      rolloutId: 'r-44',
      version: 44,
      build: '1.4.2',
      artifact: 'registry.example.com/acme/web:44',
      digest: 'sha256:9f86d081884c7d65',
      by: 'operator:alice',
      at,
    },
  },
  { type: 'RolloutEnded', data: { ...pool, rolloutId: 'r-44', outcome: 'rolled_back', at } },
];

describe('PoolEvent', () => {
  it('has one example here per event type', () => {
    expect(examples.map((event) => event.type)).toEqual(poolEventTypes);
  });

  it.each(examples.map((event) => [event.type, event] as const))('parses %s', (_type, event) => {
    expect(PoolEvent.parse(event)).toEqual(event);
  });

  it('rejects an unknown type', () => {
    expect(PoolEvent.safeParse({ type: 'RunnerExploded', data: {} }).success).toBe(false);
  });

  it('names the data path of a bad field', () => {
    const result = PoolEvent.safeParse({ type: 'RunnerBecameIdle', data: { ...pool, runnerId: 'a.b', at } });
    expect(describeIssues(result.error?.issues ?? [])).toContain('data.runnerId: must be 1 to 64 characters');
  });

  it.each([
    [
      'a drain timeout of 0',
      { type: 'PoolConfigured', data: { ...examples[0]?.data, drainTimeoutSeconds: 0 } },
    ],
    ['a maxVersionStep of 0', { type: 'PoolConfigured', data: { ...examples[0]?.data, maxVersionStep: 0 } }],
    [
      'busy with 0 sessions',
      { type: 'RunnerBecameBusy', data: { ...pool, runnerId: 'w', activeSessions: 0, at } },
    ],
    [
      'a lost reason outside the list',
      { type: 'RunnerLost', data: { ...pool, runnerId: 'w', reason: 'gone', lastSeenAt: at, at } },
    ],
    [
      'a timestamp without a zone',
      { type: 'RunnerBecameIdle', data: { ...pool, runnerId: 'w', at: '2026-01-31T12:00:00' } },
    ],
    ['no namespace', { type: 'RunnerBecameIdle', data: { pool: 'web', runnerId: 'w', at } }],
  ])('rejects %s', (_why, event) => {
    expect(PoolEvent.safeParse(event).success).toBe(false);
  });

  it('defaults maxVersionStep to 10 for configurations written without it', () => {
    const { maxVersionStep: _omitted, ...older } = {
      ...pool,
      drainOnVersionUpgrade: true,
      drainTimeoutSeconds: 60,
      autoUpgrade: true,
      maxVersionStep: 3,
    };
    const parsed = PoolEvent.parse({ type: 'PoolConfigured', data: older });
    expect(parsed.type === 'PoolConfigured' && parsed.data.maxVersionStep).toBe(10);
  });

  it('keeps metadata keys it does not know', () => {
    const parsed = PoolEvent.parse({
      type: 'RunnerBecameIdle',
      data: { ...pool, runnerId: 'w', at },
      metadata: { causationId: 'e-1', runnerId: 'w', traceparent: '00-abc-def-01' },
    });
    expect(parsed.metadata).toEqual({ causationId: 'e-1', runnerId: 'w', traceparent: '00-abc-def-01' });
  });
});

describe('poolEventSchemas', () => {
  it('registers every pool event type at schema version 1', () => {
    expect(Object.keys(poolEventSchemas)).toEqual(poolEventTypes);
    for (const entry of Object.values(poolEventSchemas)) expect(entry.version).toBe(1);
  });

  it.each(examples.map((event) => [event.type, event] as const))(
    'validates the data of %s',
    (type, event) => {
      expect(poolEventSchemas[type].schema.parse(event.data)).toEqual(event.data);
    },
  );
});
