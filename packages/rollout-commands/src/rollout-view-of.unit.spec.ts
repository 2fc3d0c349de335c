import { type RolloutEvent, RolloutView } from '@rollcall/contracts';
import { evolveRollout, initialRolloutState, type Rollout } from '@rollcall/domain';
import { describe, expect, it } from 'vitest';
import { rolloutViewOf } from './rollout-view-of';

const ref = { namespace: 'acme', pool: 'web', rolloutId: 'roll-1' };
const at = '2026-03-01T12:00:00.000Z';

function rolloutAfter(...events: RolloutEvent[]): Rollout {
  const state = events.reduce(evolveRollout, initialRolloutState());
  if (state.status === 'empty') throw new Error('the events did not start a rollout');
  return state;
}

const started: RolloutEvent = {
  type: 'RolloutStarted',
  data: {
    ...ref,
    version: 2,
    build: 'b2',
    artifact: 'registry.example/web:2',
    strategy: { kind: 'canary', canaryCount: 1, gate: 'approval' },
    targetBy: { by: 'server' },
    targets: [
      { targetId: 's1', previousVersion: 1, previousConfig: {} },
      { targetId: 's2', previousVersion: 1, previousConfig: {}, extraConfig: { threads: 4 } },
      { targetId: 's3', previousVersion: 1, previousConfig: {}, pinnedVersion: 1 },
    ],
    canaryTargetIds: ['s1'],
    healthyWindowSeconds: 10,
    failureThreshold: { kind: 'count', count: 1 },
    autoRollback: true,
    startedBy: 'alice',
    startedAt: at,
  },
};

describe('rolloutViewOf', () => {
  it('shows a started rollout with its settings and every target pending, in the contract shape', () => {
    const view = rolloutViewOf(rolloutAfter(started));
    expect(RolloutView.parse(view)).toEqual(view);
    expect(view).toMatchObject({
      rolloutId: 'roll-1',
      status: 'running',
      outcome: null,
      gate: { kind: 'approval', status: 'closed' },
      finishedAt: null,
    });
    expect(view.targets.map(({ targetId, state, canary }) => [targetId, state, canary])).toEqual([
      ['s1', 'pending', true],
      ['s2', 'pending', false],
      ['s3', 'pending', false],
    ]);
    expect(view.targets[1]).toMatchObject({ extraConfig: { threads: 4 }, pinnedVersion: null });
    expect(view.targets[2]).toMatchObject({ extraConfig: null, pinnedVersion: 1 });
  });

  it("shows each target's result: the backup, a skip with why, a failure with the launcher's error", () => {
    const view = rolloutViewOf(
      rolloutAfter(
        started,
        {
          type: 'TargetSkipped',
          data: { ...ref, targetId: 's3', why: 'pinned to version 1', by: 'rollcall', at },
        },
        {
          type: 'TargetBackedUp',
          data: {
            ...ref,
            targetId: 's1',
            previousVersion: 1,
            previousConfig: { threads: 2 },
            oldRunnerIds: ['r-old'],
            at,
          },
        },
        {
          type: 'TargetStartRequested',
          data: { ...ref, targetId: 's1', attempt: 1, forceRefresh: false, at },
        },
        {
          type: 'TargetStartFailed',
          data: {
            ...ref,
            targetId: 's1',
            attempt: 1,
            error: { class: 'start_failed', message: 'exit 1' },
            runnerIds: ['r-new'],
            retrying: false,
            at,
          },
        },
        {
          type: 'TargetFailed',
          data: {
            ...ref,
            targetId: 's1',
            during: 'start',
            error: { class: 'start_failed', message: 'exit 1' },
            at,
          },
        },
      ),
    );
    expect(RolloutView.parse(view)).toEqual(view);
    expect(view.targets[0]).toMatchObject({
      state: 'failed',
      previousConfig: { threads: 2 },
      oldRunnerIds: ['r-old'],
      newRunnerIds: ['r-new'],
      error: { class: 'start_failed', message: 'exit 1' },
      failedDuring: 'start',
    });
    expect(view.targets[2]).toMatchObject({ state: 'skipped', why: 'pinned to version 1' });
  });
});
