import type { RolloutTargetView, RolloutView } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { rolloutNews, rolloutSummary } from './rollout-news';

const at = '2026-01-01T00:00:00.000Z';

function target(targetId: string, state: RolloutTargetView['state'], more: Partial<RolloutTargetView> = {}) {
  return {
    targetId,
    state,
    canary: false,
    previousVersion: 1,
    previousConfig: {},
    pinnedVersion: null,
    extraConfig: null,
    why: null,
    error: null,
    failedDuring: null,
    newRunnerIds: [],
    oldRunnerIds: [],
    restoredRunnerIds: [],
    updatedAt: at,
    ...more,
  } satisfies RolloutTargetView;
}

function rollout(targets: RolloutTargetView[], more: Partial<RolloutView> = {}): RolloutView {
  return {
    rolloutId: 'r-1',
    namespace: 'demo',
    pool: 'web',
    version: 2,
    build: 'demo-2',
    artifact: 'example-runner:web-v2',
    strategy: { kind: 'rolling', batchSize: 1, maxUnavailable: 1 },
    targetBy: { by: 'server' },
    healthyWindowSeconds: 3,
    failureThreshold: { kind: 'count', count: 1 },
    autoRollback: true,
    status: 'running',
    outcome: null,
    rollbackReason: null,
    gate: null,
    startedBy: 'rollcall:auto-upgrade',
    startedAt: at,
    updatedAt: at,
    finishedAt: null,
    failedTargets: 0,
    targets,
    ...more,
  };
}

describe('rolloutNews', () => {
  it("tells each target's start once, however many of its steps a read skips, and its result", () => {
    const first = rollout([target('server-a', 'starting'), target('server-b', 'pending')]);
    expect(rolloutNews(undefined, first)).toEqual(['server-a: starting version 2 (was 1)']);

    const second = rollout([target('server-a', 'draining_old'), target('server-b', 'pending')]);
    expect(rolloutNews(first, second)).toEqual([]);

    const third = rollout([
      target('server-a', 'done', { newRunnerIds: ['web-new'] }),
      target('server-b', 'healthy'),
    ]);
    expect(rolloutNews(second, third)).toEqual([
      'server-a: done, version 2 serving (web-new), version 1 drained',
      'server-b: starting version 2 (was 1)',
    ]);
    expect(rolloutNews(third, third)).toEqual([]);
  });

  it('says why a target failed or was skipped, and when the rollout turns back', () => {
    const before = rollout([target('server-a', 'starting'), target('server-b', 'pending')]);
    const failed = rollout(
      [
        target('server-a', 'failed', {
          failedDuring: 'start',
          error: { class: 'artifact_unavailable', message: 'no such artifact' },
        }),
        target('server-b', 'skipped', { why: 'pinned to version 1' }),
      ],
      { status: 'rolling_back' },
    );
    expect(rolloutNews(before, failed)).toEqual([
      'server-a: failed during start: no such artifact',
      'server-b: skipped: pinned to version 1',
      'rollout rolling back',
    ]);
  });
});

describe('rolloutSummary', () => {
  it('gives the outcome and where the targets ended', () => {
    const ended = rollout(
      [target('server-a', 'done'), target('server-b', 'done'), target('server-c', 'failed')],
      {
        status: 'completed',
        outcome: 'completed',
      },
    );
    expect(rolloutSummary(ended)).toBe('rollout r-1 to version 2 completed (2 done, 1 failed)');
  });
});
