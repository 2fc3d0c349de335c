import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../describe-issues';
import { RolloutEvent, rolloutEventTypes } from './rollout-event';
import { rolloutEventSchemas } from './rollout-event-schemas';
import { RolloutStrategy } from './rollout-strategy';

const at = '2026-01-31T12:00:00.000Z';
const ref = { namespace: 'acme', pool: 'web', rolloutId: 'r-44' };
const target = { ...ref, targetId: 'acme-ws' };
const operator = 'operator:alice';

// One valid event of each type, as the domain would emit it.
const examples: RolloutEvent[] = [
  {
    type: 'RolloutStarted',
    data: {
      ...ref,
      version: 44,
      build: '1.4.2',
      artifact: 'registry.example.com/acme/web:44',
      digest: 'sha256:9f86d081884c7d65',
      strategy: { kind: 'canary', canaryShare: 0.1, gate: 'approval' },
      targetBy: { by: 'label', key: 'workspace' },
      targets: [
        { targetId: 'acme-ws', previousVersion: 43, previousConfig: { threads: 4 } },
        {
          targetId: 'globex-ws',
          previousVersion: 43,
          previousConfig: {},
          pinnedVersion: 43,
          extraConfig: { region: 'eu' },
        },
      ],
      canaryTargetIds: ['acme-ws'],
      healthyWindowSeconds: 60,
      failureThreshold: { kind: 'share', share: 0.25 },
      autoRollback: true,
      startedBy: operator,
      startedAt: at,
    },
    metadata: { actor: operator, correlationId: 'req-1' },
  },
  { type: 'TargetSkipped', data: { ...target, why: 'pinned to version 43', by: operator, at } },
  {
    type: 'TargetBackedUp',
    data: { ...target, previousVersion: 43, previousConfig: { threads: 4 }, oldRunnerIds: ['web-1'], at },
  },
  { type: 'TargetStartRequested', data: { ...target, attempt: 1, forceRefresh: false, at } },
  {
    type: 'TargetStartFailed',
    data: {
      ...target,
      attempt: 1,
      error: { class: 'artifact_invalid', message: 'digest mismatch' },
      runnerIds: [],
      retrying: true,
      at,
    },
  },
  { type: 'TargetStarted', data: { ...target, attempt: 2, runnerIds: ['web-7'], at } },
  { type: 'TargetHealthy', data: { ...target, at } },
  {
    type: 'TargetFailed',
    data: { ...target, during: 'health', error: { class: 'unhealthy', message: 'web-7 lost' }, at },
  },
  { type: 'TargetDrainingOld', data: { ...target, runnerIds: ['web-1'], at } },
  { type: 'TargetCompleted', data: { ...target, at } },
  { type: 'TargetCleanedUp', data: { ...target, at } },
  { type: 'TargetRollbackRequested', data: { ...target, cause: 'rollback', at } },
  { type: 'TargetRolledBack', data: { ...target, runnerIds: ['web-1'], at } },
  {
    type: 'TargetRollbackFailed',
    data: { ...target, error: { class: 'restore_failed', message: 'no capacity' }, at },
  },
  { type: 'RolloutPaused', data: { ...ref, by: operator, at } },
  { type: 'RolloutResumed', data: { ...ref, by: operator, at } },
  { type: 'RolloutAborted', data: { ...ref, by: operator, reason: 'wrong version', at } },
  { type: 'RolloutHalted', data: { ...ref, failedTargets: 2, threshold: { kind: 'count', count: 2 }, at } },
  { type: 'RollbackStarted', data: { ...ref, reason: 'gate_rejected', by: operator, at } },
  { type: 'GateAwaitingApproval', data: { ...ref, canaryTargetIds: ['acme-ws'], at } },
  { type: 'GatePassed', data: { ...ref, how: 'approval', by: operator, at } },
  { type: 'GateFailed', data: { ...ref, how: 'canary_failed', by: 'rollcall', targetId: 'acme-ws', at } },
  {
    type: 'RolloutFinished',
    data: { ...ref, outcome: 'rolled_back', done: 0, failed: 1, skipped: 1, rolledBack: 0, at },
  },
];

describe('RolloutEvent', () => {
  it('has one example here per event type', () => {
    expect(examples.map((event) => event.type)).toEqual(rolloutEventTypes);
  });

  it.each(examples.map((event) => [event.type, event] as const))('parses %s', (_type, event) => {
    expect(RolloutEvent.parse(event)).toEqual(event);
  });

  it('names the data path of a bad field', () => {
    const result = RolloutEvent.safeParse({
      type: 'TargetStarted',
      data: { ...target, attempt: 1, runnerIds: [], at },
    });
    expect(describeIssues(result.error?.issues ?? [])).toContain('data.runnerIds');
  });

  it.each([
    [
      'a rollout id that cannot be a stream id part',
      { type: 'TargetHealthy', data: { ...target, rolloutId: 'a+b', at } },
    ],
    ['an empty target id', { type: 'TargetHealthy', data: { ...target, targetId: '', at } }],
    ['attempt 0', { type: 'TargetStartRequested', data: { ...target, attempt: 0, forceRefresh: false, at } }],
    [
      'an error class no launcher or health check gives',
      {
        type: 'TargetFailed',
        data: { ...target, during: 'start', error: { class: 'oops', message: '' }, at },
      },
    ],
    [
      'an unknown outcome',
      {
        type: 'RolloutFinished',
        data: { ...ref, outcome: 'meh', done: 0, failed: 0, skipped: 0, rolledBack: 0, at },
      },
    ],
  ])('rejects %s', (_why, event) => {
    expect(RolloutEvent.safeParse(event).success).toBe(false);
  });
});

describe('RolloutStrategy', () => {
  it.each([
    { kind: 'rolling', batchSize: 2, maxUnavailable: 1 },
    { kind: 'canary', canaryCount: 1, gate: 'health' },
    { kind: 'canary', canaryShare: 0.5, gate: 'approval' },
    { kind: 'all-at-once' },
  ])('accepts %j', (strategy) => {
    expect(RolloutStrategy.parse(strategy)).toEqual(strategy);
  });

  it.each([
    ['an unknown kind', { kind: 'blue-green' }, 'kind'],
    ['a batch of 0', { kind: 'rolling', batchSize: 0, maxUnavailable: 1 }, 'batchSize'],
    ['a canary share of 1', { kind: 'canary', canaryShare: 1, gate: 'health' }, 'canaryShare'],
    ['a canary share of 0', { kind: 'canary', canaryShare: 0, gate: 'health' }, 'canaryShare'],
    [
      'both a canary share and count',
      { kind: 'canary', canaryShare: 0.5, canaryCount: 2, gate: 'health' },
      'canaryShare',
    ],
    ['neither a canary share nor count', { kind: 'canary', gate: 'health' }, 'canaryShare'],
    ['an unknown gate', { kind: 'canary', canaryCount: 1, gate: 'vibes' }, 'gate'],
  ])('rejects %s, naming the field', (_why, strategy, field) => {
    const result = RolloutStrategy.safeParse(strategy);
    expect(result.success).toBe(false);
    expect(describeIssues(result.error?.issues ?? [])).toContain(field);
  });
});

describe('rolloutEventSchemas', () => {
  it('registers every rollout event type at schema version 1', () => {
    expect(Object.keys(rolloutEventSchemas)).toEqual(rolloutEventTypes);
    for (const entry of Object.values(rolloutEventSchemas)) expect(entry.version).toBe(1);
  });

  it.each(examples.map((event) => [event.type, event] as const))(
    'validates the data of %s',
    (type, event) => {
      expect(rolloutEventSchemas[type].schema.parse(event.data)).toEqual(event.data);
    },
  );
});
