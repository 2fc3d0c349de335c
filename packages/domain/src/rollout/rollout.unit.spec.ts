import { type PoolEvent, RolloutEvent } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { NOW, OPERATOR } from '../pool/controls/pool-clock';
import { beginRollout } from '../pool/controls/pool-commands';
import {
  poolConfigured,
  rolloutBegan,
  runnerConnected,
  versionPublished,
  versionYanked,
} from '../pool/controls/pool-events';
import { RolloutAlreadyInFlightError } from '../pool/errors';
import { poolDecider } from '../pool/pool-decider';
import { evolve as evolvePool, initialState as initialPoolState } from '../pool/state';
import { DeciderSpecification } from '../testing/decider-specification';
import { autoUpgradeVerdict } from './auto-upgrade';
import type { RolloutCommand, StartRollout } from './commands';
import {
  abortRollout,
  approveGate,
  completeTarget,
  pauseRollout,
  recordBackedUp,
  recordCleanedUp,
  recordHealthy,
  recordOldDrained,
  recordRollbackFailed,
  recordRolledBack,
  recordStarted,
  recordStartFailed,
  recordUnhealthy,
  rejectGate,
  requestStart,
  resumeRollout,
  rollbackRollout,
  skipTarget,
  startRollout,
  THREE_SERVERS,
} from './controls/rollout-commands';
import {
  cleanedUp,
  drainingOld,
  gateAwaitingApproval,
  gateFailedByCanary,
  gatePassed,
  gateRejected,
  launcherError,
  movedToDone,
  rollbackFailed,
  rollbackRequested,
  rollbackStarted,
  rolledBack,
  rolloutAborted,
  rolloutFinished,
  rolloutHalted,
  rolloutPaused,
  rolloutResumed,
  rolloutStarted,
  startFailed,
  startRequested,
  targetBackedUp,
  targetCompleted,
  targetFailed,
  targetHealthy,
  targetSkipped,
  targetStarted,
} from './controls/rollout-events';
import { decide } from './decide';
import {
  InvalidRolloutSpecError,
  InvalidRolloutTransitionError,
  RolloutExistsError,
  RolloutNotFoundError,
  UnknownTargetError,
} from './errors';
import { nextActions, type RolloutAction } from './next-actions';
import { mayBegin, targetsToBegin } from './pacing';
import { rolloutDecider } from './rollout-decider';
import { evolve, initialState, type RolloutState } from './state';

const given = DeciderSpecification.for(rolloutDecider);

/** Late enough for every health window of the controls (60 s after NOW) to have passed. */
const LATER = new Date(NOW.getTime() + 3_600_000);

function fold(events: readonly RolloutEvent[]): RolloutState {
  return events.reduce(evolve, initialState());
}

function actionsAfter(events: readonly RolloutEvent[], now = LATER): RolloutAction[] {
  return nextActions(fold(events), now);
}

function kinds(actions: readonly RolloutAction[]): string[] {
  return actions.map((action) => ('targetId' in action ? `${action.kind} ${action.targetId}` : action.kind));
}

/**
 * A well-behaved upgrader in miniature: carries out the first action it can, records its result, and goes
 * on until none is left. `answer` says how the world responds; by default every step succeeds.
 */
function runUpgrader(
  start: StartRollout,
  answer: (action: RolloutAction) => RolloutCommand | null = succeed,
): { events: RolloutEvent[]; state: RolloutState } {
  const events: RolloutEvent[] = [];
  let state = initialState();
  let command: RolloutCommand | null = start;
  for (let steps = 0; command !== null && steps < 500; steps++) {
    const decided = decide(command, state);
    events.push(...decided);
    state = decided.reduce(evolve, state);
    expectPacingToAgree(state);
    command = null;
    for (const action of nextActions(state, LATER)) {
      command = answer(action);
      if (command !== null) break;
    }
  }
  return { events, state };
}

// `mayBegin` answers for one target what `targetsToBegin` lists for all: they must never disagree.
function expectPacingToAgree(state: RolloutState): void {
  if (state.status === 'empty') return;
  const listed = targetsToBegin(state);
  for (const targetId of state.targets.keys()) {
    expect(mayBegin(state, targetId), targetId).toBe(listed.includes(targetId));
  }
}

function succeed(action: RolloutAction): RolloutCommand | null {
  switch (action.kind) {
    case 'back-up':
      return recordBackedUp(action.targetId);
    case 'request-start':
      return requestStart(action.targetId, action.forceRefresh);
    case 'launch':
    case 'settle-launch':
      return recordStarted(action.targetId, action.attempt);
    case 'watch-health':
      return action.due ? recordHealthy(action.targetId) : null;
    case 'drain-old':
      return recordOldDrained(action.targetId);
    case 'await-old-stopped':
      return completeTarget(action.targetId);
    case 'clean-up':
      return recordCleanedUp(action.targetId);
    case 'roll-back':
      return recordRolledBack(action.targetId);
    case 'await-approval':
    case 'release-pool':
      return null;
  }
}

function targetResults(state: RolloutState): Record<string, string> {
  if (state.status === 'empty') return {};
  return Object.fromEntries([...state.targets.values()].map((target) => [target.targetId, target.status]));
}

describe('no rollout yet', () => {
  it('starts a rolling rollout over three servers, each with its backup, and asks for nothing else', () => {
    given([]).when(startRollout()).then(rolloutStarted());
  });

  it('skips a target pinned to another version and one already on the version, saying why', () => {
    const targets = [
      { targetId: 's1', previousVersion: 1, previousConfig: {}, pinnedVersion: 1 },
      { targetId: 's2', previousVersion: 2, previousConfig: {} },
      { targetId: 's3', previousVersion: 1, previousConfig: {}, pinnedVersion: 2 },
    ];
    given([])
      .when(startRollout({ targets }))
      .then([
        rolloutStarted({ targets }),
        targetSkipped('s1', 'pinned to version 1'),
        targetSkipped('s2', 'already runs version 2'),
      ]);
  });

  it('finishes at once when every target is skipped', () => {
    const targets = [{ targetId: 's1', previousVersion: 1, previousConfig: {}, pinnedVersion: 1 }];
    given([])
      .when(startRollout({ targets }))
      .then([
        rolloutStarted({ targets }),
        targetSkipped('s1', 'pinned to version 1'),
        rolloutFinished('completed', { skipped: 1 }),
      ]);
  });

  it('chooses the canaries among the targets it moves: a share rounded up, never all of them', () => {
    const canary = (size: { canaryShare?: number; canaryCount?: number }) =>
      startRollout({ strategy: { kind: 'canary', gate: 'health', ...size } });
    given([])
      .when(canary({ canaryShare: 0.5 }))
      .then(
        rolloutStarted({
          strategy: canary({ canaryShare: 0.5 }).data.strategy,
          canaryTargetIds: ['s1', 's2'],
        }),
      );
    given([])
      .when(canary({ canaryCount: 7 }))
      .then(
        rolloutStarted({ strategy: canary({ canaryCount: 7 }).data.strategy, canaryTargetIds: ['s1', 's2'] }),
      );
    const pinnedFirst = [
      { targetId: 's1', previousVersion: 1, previousConfig: {}, pinnedVersion: 1 },
      ...THREE_SERVERS.slice(1),
    ];
    const tenPercent = canary({ canaryShare: 0.1 });
    given([])
      .when({ ...tenPercent, data: { ...tenPercent.data, targets: pinnedFirst } })
      .then([
        rolloutStarted({
          strategy: canary({ canaryShare: 0.1 }).data.strategy,
          targets: pinnedFirst,
          canaryTargetIds: ['s2'],
        }),
        targetSkipped('s1', 'pinned to version 1'),
      ]);
  });

  it('refuses a start that breaks the contract or lists a target twice, naming the field', () => {
    given([])
      .when(
        startRollout({
          targets: [
            { targetId: 's1', previousVersion: 1, previousConfig: {} },
            { targetId: 's1', previousVersion: 1, previousConfig: {} },
          ],
        }),
      )
      .thenThrows(InvalidRolloutSpecError, (error) => error.field === 'targets.1.targetId');
    given([])
      .when(startRollout({ strategy: { kind: 'canary', canaryShare: 0.5, canaryCount: 1, gate: 'health' } }))
      .thenThrows(InvalidRolloutSpecError, (error) => error.field === 'strategy.canaryShare');
    given([])
      .when(startRollout({ strategy: { kind: 'rolling', batchSize: 0, maxUnavailable: 1 } }))
      .thenThrows(InvalidRolloutSpecError, (error) => error.field === 'strategy.batchSize');
    given([])
      .when(startRollout({ targets: [] }))
      .thenThrows(InvalidRolloutSpecError, (error) => error.field === 'targets');
  });

  it('refuses every other command: there is no such rollout', () => {
    given([])
      .when(recordHealthy('s1'))
      .thenThrows(RolloutNotFoundError, (error) => error.rollout.rolloutId === 'roll-1');
    given([]).when(pauseRollout()).thenThrows(RolloutNotFoundError);
    expect(nextActions(initialState(), NOW)).toEqual([]);
  });
});

describe('pool with a published v2 and rollout roll-1 in flight (the one-rollout-per-pool guard)', () => {
  const pool = [poolConfigured(), versionPublished({ version: 1 }), versionPublished({ version: 2 })];
  const givenPool = DeciderSpecification.for(poolDecider);

  it('refuses a second rollout for the same pool, naming the one in flight', () => {
    givenPool([...pool, rolloutBegan('roll-1', 2)])
      .when(beginRollout('roll-2', 2))
      .thenThrows(
        RolloutAlreadyInFlightError,
        (error) =>
          error.inFlight.rolloutId === 'roll-1' && /rollout roll-1 .* is in flight/.test(error.message),
      );
  });

  it('hands the catalog entry to the rollout it lets begin', () => {
    const poolState = pool.reduce(evolvePool, initialPoolState());
    expect(poolDecider.decide(beginRollout('roll-1', 2), poolState)).toEqual([rolloutBegan('roll-1', 2)]);
  });
});

describe('running rolling rollout (batch 1) over s1, s2 and s3, none begun', () => {
  const history = [rolloutStarted()];

  it('lets only s1 begin: the upgrader backs it up first', () => {
    expect(actionsAfter(history)).toEqual([
      { kind: 'back-up', targetId: 's1', expected: { version: 1, config: { threads: 2 } } },
    ]);
    given(history).when(recordBackedUp('s1')).then(targetBackedUp('s1'));
  });

  it('refuses to begin s2 before its turn, and steps s1 has not reached', () => {
    given(history)
      .when(recordBackedUp('s2'))
      .thenThrows(
        InvalidRolloutTransitionError,
        (error) => error.refused.targetId === 's2' && error.refused.status === 'pending',
      );
    given(history).when(requestStart('s1')).thenThrows(InvalidRolloutTransitionError);
    given(history).when(recordHealthy('s1')).thenThrows(InvalidRolloutTransitionError);
    given(history).when(completeTarget('s1')).thenThrows(InvalidRolloutTransitionError);
  });

  it('refuses a target it does not have', () => {
    given(history)
      .when(recordBackedUp('s9'))
      .thenThrows(UnknownTargetError, (error) => error.targetId === 's9');
  });

  it('ignores the same start again, and refuses its id for another version', () => {
    given(history).when(startRollout()).thenNothingHappened();
    given(history)
      .when(startRollout({ version: 3 }))
      .thenThrows(RolloutExistsError, (error) => error.existing.version === 2);
  });

  it('skips a pending target on request, once', () => {
    given(history)
      .when(skipTarget('s3'))
      .then(targetSkipped('s3', 'maintenance window', OPERATOR));
    given([...history, targetSkipped('s3', 'maintenance window', OPERATOR)])
      .when(skipTarget('s3'))
      .thenNothingHappened();
  });
});

describe('rolling rollout with s1 backed up', () => {
  const backedUp = [rolloutStarted(), targetBackedUp('s1')];
  const extraConfig = { region: 'eu' };

  it('asks for the start, then the launch of the new version with the backed-up config and the extra one', () => {
    expect(actionsAfter(backedUp)).toEqual([{ kind: 'request-start', targetId: 's1', forceRefresh: false }]);
    given(backedUp).when(requestStart('s1')).then(startRequested('s1'));

    const targets = THREE_SERVERS.map((target) =>
      target.targetId === 's1' ? { ...target, extraConfig } : target,
    );
    expect(actionsAfter([rolloutStarted({ targets }), targetBackedUp('s1'), startRequested('s1')])).toEqual([
      {
        kind: 'launch',
        targetId: 's1',
        attempt: 1,
        request: {
          pool: 'web',
          version: 2,
          artifact: 'registry.example/web:2',
          forceRefresh: false,
          config: { threads: 2, region: 'eu' },
        },
      },
    ]);
  });

  it('records the launched runners once, and watches their health until the window passed', () => {
    const launched = [...backedUp, startRequested('s1')];
    given(launched).when(recordStarted('s1')).then(targetStarted('s1'));
    given([...launched, targetStarted('s1')])
      .when(recordStarted('s1'))
      .thenNothingHappened();

    const watching = [...launched, targetStarted('s1')];
    const watch = {
      kind: 'watch-health',
      targetId: 's1',
      runnerIds: ['new-s1'],
      healthyAt: '2026-03-01T12:01:00.000Z',
    };
    expect(actionsAfter(watching, NOW)).toEqual([{ ...watch, due: false }]);
    expect(actionsAfter(watching, new Date('2026-03-01T12:01:00.000Z'))).toEqual([{ ...watch, due: true }]);
  });

  it('drains the old runners once the new ones are healthy, and is done when they stopped', () => {
    const healthy = [...backedUp, startRequested('s1'), targetStarted('s1'), targetHealthy('s1')];
    expect(actionsAfter(healthy)).toEqual([
      { kind: 'drain-old', targetId: 's1', runnerIds: ['old-s1'], supersededBy: 2 },
    ]);
    given(healthy).when(recordOldDrained('s1')).then(drainingOld('s1'));
    expect(actionsAfter([...healthy, drainingOld('s1')])).toEqual([
      { kind: 'await-old-stopped', targetId: 's1', runnerIds: ['old-s1'] },
    ]);
    given([...healthy, drainingOld('s1')])
      .when(completeTarget('s1'))
      .then(targetCompleted('s1'));
  });

  it('lets s2 begin once s1 is proven healthy, as s1 still drains (batch 2, one unproven at a time)', () => {
    const batchOf2 = rolloutStarted({ strategy: { kind: 'rolling', batchSize: 2, maxUnavailable: 1 } });
    const s1Starting = [batchOf2, targetBackedUp('s1'), startRequested('s1'), targetStarted('s1')];
    expect(kinds(actionsAfter(s1Starting))).toEqual(['watch-health s1']);
    expect(kinds(actionsAfter([...s1Starting, targetHealthy('s1')]))).toEqual(['drain-old s1', 'back-up s2']);
    expect(
      kinds(
        actionsAfter([
          ...s1Starting,
          targetHealthy('s1'),
          drainingOld('s1'),
          ...movedToDone('s2').slice(0, 4),
        ]),
      ),
    ).toEqual(['await-old-stopped s1', 'drain-old s2']);
  });
});

describe('rolling rollout carried out step by step by an upgrader', () => {
  it('moves three targets to done, one after the other, with a result per target', () => {
    const { events, state } = runUpgrader(startRollout());
    expect(events).toEqual([
      rolloutStarted(),
      ...movedToDone('s1'),
      ...movedToDone('s2'),
      ...movedToDone('s3'),
      rolloutFinished('completed', { done: 3 }),
    ]);
    expect(targetResults(state)).toEqual({ s1: 'done', s2: 'done', s3: 'done' });
    expect(nextActions(state, LATER)).toEqual([{ kind: 'release-pool', outcome: 'completed' }]);
    for (const event of events) expect(RolloutEvent.parse(event)).toEqual(event);
  });

  it('fails the target whose start fails, keeps its old version, and finishes the others', () => {
    const { events, state } = runUpgrader(startRollout(), (action) =>
      action.kind === 'launch' && action.targetId === 's2'
        ? recordStartFailed('s2', { message: 'port in use' })
        : succeed(action),
    );
    expect(targetResults(state)).toEqual({ s1: 'done', s2: 'failed', s3: 'done' });
    expect(events).toContainEqual(targetFailed('s2', 'start', launcherError('start_failed', 'port in use')));
    expect(events.at(-1)).toEqual(rolloutFinished('completed', { done: 2, failed: 1 }));
    expect(state.status !== 'empty' && state.targets.get('s2')?.oldDrainRequested).toBe(false);
  });

  it('moves every target at once with all-at-once', () => {
    const strategy = { kind: 'all-at-once' } as const;
    expect(kinds(actionsAfter([rolloutStarted({ strategy })]))).toEqual([
      'back-up s1',
      'back-up s2',
      'back-up s3',
    ]);
    const { state } = runUpgrader(startRollout({ strategy }));
    expect(targetResults(state)).toEqual({ s1: 'done', s2: 'done', s3: 'done' });
  });
});

describe('rolling rollout with a start failure', () => {
  const launching = [rolloutStarted(), targetBackedUp('s1'), startRequested('s1')];

  it('fails the target with the launcher error; nothing to undo, so the next target begins', () => {
    given(launching)
      .when(recordStartFailed('s1'))
      .then([startFailed('s1'), targetFailed('s1')]);
    expect(kinds(actionsAfter([...launching, startFailed('s1'), targetFailed('s1')]))).toEqual([
      'back-up s2',
    ]);
  });

  it('stops the runners a partial start left behind before the target is at rest', () => {
    given(launching)
      .when(recordStartFailed('s1', { runnerIds: ['new-s1'] }))
      .then([startFailed('s1', { runnerIds: ['new-s1'] }), targetFailed('s1')]);
    const failed = [...launching, startFailed('s1', { runnerIds: ['new-s1'] }), targetFailed('s1')];
    expect(actionsAfter(failed)[0]).toEqual({
      kind: 'clean-up',
      targetId: 's1',
      plan: {
        stopRunnerIds: ['new-s1'],
        undrainRunnerIds: [],
        restartPrevious: false,
        previous: { version: 1, config: { threads: 2 } },
      },
    });
    given(failed).when(recordCleanedUp('s1')).then(cleanedUp('s1'));
    given([...failed, cleanedUp('s1')])
      .when(recordCleanedUp('s1'))
      .thenNothingHappened();
  });

  it('fails a target whose new runners turn unhealthy while the old ones drain: stop the new, undrain the old', () => {
    const draining = [...launching, targetStarted('s1'), targetHealthy('s1'), drainingOld('s1')];
    given(draining).when(recordUnhealthy('s1')).then(targetFailed('s1', 'health'));
    expect(actionsAfter([...draining, targetFailed('s1', 'health')])[0]).toMatchObject({
      kind: 'clean-up',
      plan: { stopRunnerIds: ['new-s1'], undrainRunnerIds: ['old-s1'] },
    });
  });
});

describe('rolling rollout (batch 3, threshold 2, auto-rollback) with s1 done, s2 failed and s3 healthy', () => {
  const strategy = { kind: 'rolling', batchSize: 3, maxUnavailable: 3 } as const;
  const history = [
    rolloutStarted({ strategy }),
    ...movedToDone('s1'),
    targetBackedUp('s2'),
    startRequested('s2'),
    startFailed('s2'),
    targetFailed('s2'),
    targetBackedUp('s3'),
    startRequested('s3'),
    targetStarted('s3'),
    targetHealthy('s3'),
  ];

  it('stops at the second failure and rolls back the target it moved', () => {
    given(history)
      .when(recordUnhealthy('s3'))
      .then([
        targetFailed('s3', 'health'),
        rolloutHalted(2),
        rollbackStarted('failure_threshold'),
        rollbackRequested('s1'),
      ]);
  });

  it('returns s1 to exactly its backed-up version and config, cleans s3 up, then finishes rolled back', () => {
    const stopped = [
      ...history,
      targetFailed('s3', 'health'),
      rolloutHalted(2),
      rollbackStarted('failure_threshold'),
      rollbackRequested('s1'),
    ];
    expect(actionsAfter(stopped)).toEqual([
      {
        kind: 'roll-back',
        targetId: 's1',
        plan: {
          stopRunnerIds: ['new-s1'],
          undrainRunnerIds: ['old-s1'],
          restartPrevious: true,
          previous: { version: 1, config: { threads: 2 } },
        },
      },
      {
        kind: 'clean-up',
        targetId: 's3',
        plan: {
          stopRunnerIds: ['new-s3'],
          undrainRunnerIds: [],
          restartPrevious: false,
          previous: { version: 1, config: { threads: 2 } },
        },
      },
    ]);
    given(stopped).when(recordRolledBack('s1')).then(rolledBack('s1'));
    given([...stopped, rolledBack('s1')])
      .when(recordCleanedUp('s3'))
      .then([cleanedUp('s3'), rolloutFinished('rolled_back', { failed: 2, rolledBack: 1 })]);
  });

  it('only stops, keeping s1 done, without auto-rollback', () => {
    const noRollback = [rolloutStarted({ strategy, autoRollback: false }), ...history.slice(1)];
    given(noRollback)
      .when(recordUnhealthy('s3'))
      .then([targetFailed('s3', 'health'), rolloutHalted(2)]);
    given([...noRollback, targetFailed('s3', 'health'), rolloutHalted(2)])
      .when(recordCleanedUp('s3'))
      .then([cleanedUp('s3'), rolloutFinished('failed', { done: 1, failed: 2 })]);
  });

  it('reports a target whose rollback fails, and still finishes', () => {
    const rollingBack = [
      ...history,
      targetFailed('s3', 'health'),
      rolloutHalted(2),
      rollbackStarted('failure_threshold'),
      rollbackRequested('s1'),
      cleanedUp('s3'),
    ];
    given(rollingBack)
      .when(recordRollbackFailed('s1'))
      .then([rollbackFailed('s1'), rolloutFinished('rolled_back', { failed: 3 })]);
  });
});

describe('all-at-once rollout with a threshold of half the targets, s1 failed and s2, s3 launching', () => {
  const history = [
    rolloutStarted({ strategy: { kind: 'all-at-once' }, failureThreshold: { kind: 'share', share: 0.5 } }),
    ...['s1', 's2', 's3'].flatMap((id) => [targetBackedUp(id), startRequested(id)]),
    startFailed('s1'),
    targetFailed('s1'),
  ];

  it('goes on below the share and stops when two of three failed', () => {
    expect(kinds(actionsAfter(history))).toEqual(['launch s2', 'launch s3']);
    given(history)
      .when(recordStartFailed('s2'))
      .then([
        startFailed('s2'),
        targetFailed('s2'),
        {
          type: 'RolloutHalted',
          data: {
            namespace: 'acme',
            pool: 'web',
            rolloutId: 'roll-1',
            failedTargets: 2,
            threshold: { kind: 'share', share: 0.5 },
            at: NOW.toISOString(),
          },
        },
        rollbackStarted('failure_threshold'),
        rollbackRequested('s3'),
      ]);
  });
});

describe('rolling rollout (batch 2, threshold 1, no auto-rollback) with s1 started and s2 launching', () => {
  const history = [
    rolloutStarted({
      strategy: { kind: 'rolling', batchSize: 2, maxUnavailable: 2 },
      failureThreshold: { kind: 'count', count: 1 },
      autoRollback: false,
    }),
    targetBackedUp('s1'),
    startRequested('s1'),
    targetStarted('s1'),
    targetBackedUp('s2'),
    startRequested('s2'),
  ];
  const halted = [
    ...history,
    targetFailed('s1', 'health'),
    rolloutHalted(1, 1),
    rollbackRequested('s2', 'halt'),
    targetSkipped('s3', 'the rollout stopped at its failure threshold before this target began'),
  ];

  it('halts: the pending target is skipped and the moving one undone, never half-done', () => {
    given(history).when(recordUnhealthy('s1')).then(halted.slice(history.length));
  });

  it('learns how the unanswered launch ended before undoing it, and stops what it started', () => {
    expect(kinds(actionsAfter(halted))).toEqual(['clean-up s1', 'settle-launch s2']);
    given(halted).when(recordRolledBack('s2')).thenThrows(InvalidRolloutTransitionError);
    given(halted).when(recordStarted('s2')).then(targetStarted('s2'));
    expect(actionsAfter([...halted, targetStarted('s2')])[1]).toMatchObject({
      kind: 'roll-back',
      targetId: 's2',
      plan: { stopRunnerIds: ['new-s2'], undrainRunnerIds: [], restartPrevious: false },
    });
  });

  it('does not retry a start that fails while the target is undone', () => {
    given(halted)
      .when(recordStartFailed('s2', { errorClass: 'artifact_invalid' }))
      .then(startFailed('s2', { error: launcherError('artifact_invalid') }));
  });
});

describe('canary rollout (one canary s1, approval gate)', () => {
  const strategy = { kind: 'canary', canaryCount: 1, gate: 'approval' } as const;
  const started = rolloutStarted({ strategy, canaryTargetIds: ['s1'] });
  const canaryDraining = [started, ...movedToDone('s1').slice(0, 5)];
  const waiting = [...canaryDraining, targetCompleted('s1'), gateAwaitingApproval(['s1'])];

  it('moves the canary alone first', () => {
    expect(kinds(actionsAfter([started]))).toEqual(['back-up s1']);
    given([started]).when(recordBackedUp('s2')).thenThrows(InvalidRolloutTransitionError);
  });

  it('waits for an operator once the canary is done', () => {
    given(canaryDraining)
      .when(completeTarget('s1'))
      .then([targetCompleted('s1'), gateAwaitingApproval(['s1'])]);
    expect(actionsAfter(waiting)).toEqual([{ kind: 'await-approval', canaryTargetIds: ['s1'] }]);
  });

  it('refuses an approval before the canary is done', () => {
    given(canaryDraining)
      .when(approveGate())
      .thenThrows(InvalidRolloutTransitionError, (error) => error.message.includes('its gate is closed'));
  });

  it('lets the rest follow at once when approved, and ignores a second approval', () => {
    given(waiting).when(approveGate()).then(gatePassed('approval'));
    expect(kinds(actionsAfter([...waiting, gatePassed('approval')]))).toEqual(['back-up s2', 'back-up s3']);
    given([...waiting, gatePassed('approval')])
      .when(approveGate())
      .thenNothingHappened();
  });

  it('rolls the canary back when the gate is rejected', () => {
    given(waiting)
      .when(rejectGate('error rate up'))
      .then([
        gateRejected('error rate up'),
        rollbackStarted('gate_rejected'),
        rollbackRequested('s1'),
        targetSkipped('s2', 'the rollout was rolled back before this target began', OPERATOR),
        targetSkipped('s3', 'the rollout was rolled back before this target began', OPERATOR),
      ]);
    const rejected = [
      ...waiting,
      gateRejected('error rate up'),
      rollbackStarted('gate_rejected'),
      rollbackRequested('s1'),
      targetSkipped('s2', 'the rollout was rolled back before this target began', OPERATOR),
      targetSkipped('s3', 'the rollout was rolled back before this target began', OPERATOR),
    ];
    given(rejected).when(rejectGate()).thenNothingHappened();
    given(rejected)
      .when(recordRolledBack('s1'))
      .then([rolledBack('s1'), rolloutFinished('rolled_back', { skipped: 2, rolledBack: 1 })]);
  });

  it('fails the gate and rolls back when the canary fails', () => {
    const launching = [started, targetBackedUp('s1'), startRequested('s1')];
    given(launching)
      .when(recordStartFailed('s1'))
      .then([
        startFailed('s1'),
        targetFailed('s1'),
        gateFailedByCanary('s1'),
        rollbackStarted('gate_failed'),
        targetSkipped('s2', 'the rollout was rolled back before this target began'),
        targetSkipped('s3', 'the rollout was rolled back before this target began'),
        rolloutFinished('rolled_back', { failed: 1, skipped: 2 }),
      ]);
  });
});

describe('canary rollout (one canary s1, approval gate) aborted while the gate waits', () => {
  const strategy = { kind: 'canary', canaryCount: 1, gate: 'approval' } as const;
  const waiting = [
    rolloutStarted({ strategy, canaryTargetIds: ['s1'] }),
    ...movedToDone('s1'),
    gateAwaitingApproval(['s1']),
  ];

  it('finishes aborted at once: the gate no longer matters, the done canary stays done', () => {
    given(waiting)
      .when(abortRollout())
      .then([
        rolloutAborted(),
        targetSkipped('s2', 'the rollout was aborted before this target began', OPERATOR),
        targetSkipped('s3', 'the rollout was aborted before this target began', OPERATOR),
        rolloutFinished('aborted', { done: 1, skipped: 2 }),
      ]);
  });
});

describe('canary rollout (one canary s1, health gate)', () => {
  const strategy = { kind: 'canary', canaryCount: 1, gate: 'health' } as const;
  const started = rolloutStarted({ strategy, canaryTargetIds: ['s1'] });

  it('opens the gate by itself once the canary is done and healthy', () => {
    given([started, ...movedToDone('s1').slice(0, 5)])
      .when(completeTarget('s1'))
      .then([targetCompleted('s1'), gatePassed('health')]);
  });

  it('is carried out to done by an upgrader', () => {
    const { state } = runUpgrader(startRollout({ strategy }));
    expect(targetResults(state)).toEqual({ s1: 'done', s2: 'done', s3: 'done' });
    expect(state.status === 'empty' ? null : state.gate).toEqual({ kind: 'health', status: 'passed' });
  });
});

describe('rolling rollout whose cached artifact is stale (self-heal)', () => {
  const launching = [rolloutStarted(), targetBackedUp('s1'), startRequested('s1')];
  const retried = [
    ...launching,
    startFailed('s1', { error: launcherError('artifact_invalid', 'bad manifest'), retrying: true }),
    startRequested('s1', 2, true),
  ];

  it('retries an artifact_invalid once with a forced re-pull', () => {
    given(launching)
      .when(recordStartFailed('s1', { errorClass: 'artifact_invalid', message: 'bad manifest' }))
      .then(retried.slice(launching.length));
    expect(actionsAfter(retried)).toMatchObject([
      { kind: 'launch', targetId: 's1', attempt: 2, request: { forceRefresh: true } },
    ]);
  });

  it('moves on when the forced re-pull starts', () => {
    given(retried).when(recordStarted('s1', 2)).then(targetStarted('s1', 2));
  });

  it('fails the target when the forced re-pull fails too', () => {
    given(retried)
      .when(recordStartFailed('s1', { attempt: 2, errorClass: 'artifact_invalid', message: 'still bad' }))
      .then([
        startFailed('s1', { attempt: 2, error: launcherError('artifact_invalid', 'still bad') }),
        targetFailed('s1', 'start', launcherError('artifact_invalid', 'still bad')),
      ]);
  });

  it('ignores a late answer to the first attempt, and refuses one to an attempt never made', () => {
    given(retried)
      .when(recordStartFailed('s1', { errorClass: 'artifact_invalid' }))
      .thenNothingHappened();
    given(retried).when(recordStarted('s1', 3)).thenThrows(InvalidRolloutTransitionError);
  });

  it('does not retry a start that already forced the re-pull', () => {
    const forced = [rolloutStarted(), targetBackedUp('s1'), startRequested('s1', 1, true)];
    given(forced)
      .when(recordStartFailed('s1', { errorClass: 'artifact_invalid', message: 'bad manifest' }))
      .then([
        startFailed('s1', { error: launcherError('artifact_invalid', 'bad manifest') }),
        targetFailed('s1', 'start', launcherError('artifact_invalid', 'bad manifest')),
      ]);
  });

  it('heals through the upgrader: one forced re-pull, then done', () => {
    let stale = true;
    const { events, state } = runUpgrader(startRollout(), (action) => {
      if (action.kind === 'launch' && action.targetId === 's2' && stale) {
        stale = false;
        return recordStartFailed('s2', { errorClass: 'artifact_invalid', message: 'bad manifest' });
      }
      return succeed(action);
    });
    expect(events).toContainEqual(startRequested('s2', 2, true));
    expect(targetResults(state)).toEqual({ s1: 'done', s2: 'done', s3: 'done' });
  });
});

describe('paused rolling rollout with s1 healthy', () => {
  const healthy = [
    rolloutStarted({ strategy: { kind: 'rolling', batchSize: 2, maxUnavailable: 1 } }),
    ...movedToDone('s1').slice(0, 4),
  ];
  const paused = [...healthy, rolloutPaused()];

  it('is paused once', () => {
    given(healthy).when(pauseRollout()).then(rolloutPaused());
    given(paused).when(pauseRollout()).thenNothingHappened();
  });

  it('lets s1 finish its move but begins no other target', () => {
    expect(kinds(actionsAfter(paused))).toEqual(['drain-old s1']);
    given(paused)
      .when(recordBackedUp('s2'))
      .thenThrows(InvalidRolloutTransitionError, (error) => error.message.includes('the rollout is paused'));
  });

  it('does not finish while targets wait for the resume', () => {
    given([...paused, drainingOld('s1')])
      .when(completeTarget('s1'))
      .then(targetCompleted('s1'));
  });

  it('resumes once, and begins the next target', () => {
    given(paused).when(resumeRollout()).then(rolloutResumed());
    given(healthy).when(resumeRollout()).thenNothingHappened();
    expect(kinds(actionsAfter([...paused, rolloutResumed()]))).toEqual(['drain-old s1', 'back-up s2']);
  });
});

describe('rolling rollout with s1 done and s2 healthy', () => {
  const history = [rolloutStarted(), ...movedToDone('s1'), ...movedToDone('s2').slice(0, 4)];
  const aborted = [
    ...history,
    rolloutAborted('wrong build'),
    rollbackRequested('s2', 'abort'),
    targetSkipped('s3', 'the rollout was aborted before this target began', OPERATOR),
  ];

  it('is aborted: s3 is skipped, s2 undone, s1 stays done', () => {
    given(history).when(abortRollout('wrong build')).then(aborted.slice(history.length));
    given(aborted).when(abortRollout()).thenNothingHappened();
  });

  it('finishes aborted once s2 is back on its old runners', () => {
    expect(actionsAfter(aborted)).toEqual([
      {
        kind: 'roll-back',
        targetId: 's2',
        plan: {
          stopRunnerIds: ['new-s2'],
          undrainRunnerIds: [],
          restartPrevious: false,
          previous: { version: 1, config: { threads: 2 } },
        },
      },
    ]);
    given(aborted)
      .when(recordRolledBack('s2'))
      .then([rolledBack('s2'), rolloutFinished('aborted', { done: 1, skipped: 1, rolledBack: 1 })]);
  });

  it('can still be rolled back while it aborts, then s1 is undone too', () => {
    given(aborted)
      .when(rollbackRollout())
      .then([rollbackStarted('operator'), rollbackRequested('s1')]);
    given(aborted).when(pauseRollout()).thenThrows(InvalidRolloutTransitionError);
  });

  it('is rolled back on request: both moved targets return, s3 never begins', () => {
    const rollingBack = [
      ...history,
      rollbackStarted('operator'),
      rollbackRequested('s1'),
      rollbackRequested('s2'),
      targetSkipped('s3', 'the rollout was rolled back before this target began', OPERATOR),
    ];
    given(history)
      .when(rollbackRollout())
      .then([
        rollbackStarted('operator'),
        rollbackRequested('s1'),
        rollbackRequested('s2'),
        targetSkipped('s3', 'the rollout was rolled back before this target began', OPERATOR),
      ]);
    given(rollingBack).when(rollbackRollout()).thenNothingHappened();
    given(rollingBack).when(abortRollout()).thenThrows(InvalidRolloutTransitionError);
  });
});

describe('rollout finished with every target done', () => {
  const finished = [
    rolloutStarted(),
    ...movedToDone('s1'),
    ...movedToDone('s2'),
    ...movedToDone('s3'),
    rolloutFinished('completed', { done: 3 }),
  ];

  it('ignores every step again: repeats are no-ops', () => {
    const repeats: RolloutCommand[] = [
      startRollout(),
      recordBackedUp('s1'),
      requestStart('s1'),
      recordStarted('s1'),
      recordHealthy('s1'),
      recordUnhealthy('s1'),
      recordOldDrained('s1'),
      completeTarget('s1'),
    ];
    for (const command of repeats) given(finished).when(command).thenNothingHappened();
  });

  it('is history: it cannot be paused, aborted or rolled back any more', () => {
    given(finished).when(pauseRollout()).thenThrows(InvalidRolloutTransitionError);
    given(finished).when(abortRollout()).thenThrows(InvalidRolloutTransitionError);
    given(finished)
      .when(rollbackRollout())
      .thenThrows(InvalidRolloutTransitionError, (error) => error.message.includes('previous version'));
    given(finished).when(skipTarget('s1')).thenThrows(InvalidRolloutTransitionError);
  });

  it('tells the upgrader to release the pool', () => {
    expect(actionsAfter(finished)).toEqual([{ kind: 'release-pool', outcome: 'completed' }]);
  });
});

describe('auto-upgrade', () => {
  const pool: PoolEvent[] = [
    poolConfigured({ autoUpgrade: true }),
    versionPublished({ version: 1 }),
    runnerConnected({ runnerId: 'r1', version: 1 }),
    versionPublished({ version: 2 }),
    versionPublished({ version: 3 }),
    versionYanked(3),
  ];
  const verdict = (events: readonly PoolEvent[], version: number, switches = {}) =>
    autoUpgradeVerdict(events.reduce(evolvePool, initialPoolState()), version, switches);

  it('starts a rollout of a newer published version in a pool that has it on', () => {
    expect(verdict(pool, 2)).toEqual({ start: true });
  });

  it('is off when any level switches it off: the most restrictive wins', () => {
    expect(verdict(pool, 2, { global: false, namespace: true })).toEqual({
      start: false,
      why: 'switched_off_globally',
    });
    expect(verdict(pool, 2, { global: true, namespace: false })).toEqual({
      start: false,
      why: 'switched_off_for_namespace',
    });
    expect(
      verdict([...pool, poolConfigured({ autoUpgrade: false })], 2, { global: true, namespace: true }),
    ).toEqual({
      start: false,
      why: 'switched_off_for_pool',
    });
    expect(verdict([], 2)).toEqual({ start: false, why: 'switched_off_for_pool' });
  });

  it('never rolls out a yanked, unpublished or older version, nor a second rollout', () => {
    expect(verdict(pool, 3)).toEqual({ start: false, why: 'version_yanked' });
    expect(verdict(pool, 4)).toEqual({ start: false, why: 'version_unpublished' });
    expect(verdict(pool, 1)).toEqual({ start: false, why: 'version_not_newer' });
    expect(verdict([...pool, rolloutBegan('roll-0', 2)], 2)).toEqual({
      start: false,
      why: 'rollout_in_flight',
    });
  });
});

describe('evolve', () => {
  it('ignores events before the start and about targets it does not have', () => {
    expect(fold([targetHealthy('s1')])).toEqual(initialState());
    expect(fold([rolloutStarted(), targetHealthy('s9')])).toEqual(fold([rolloutStarted()]));
  });

  it('leaves the state it was given untouched', () => {
    const before = fold([rolloutStarted()]);
    const snapshot = JSON.stringify(before);
    evolve(before, targetBackedUp('s1'));
    expect(JSON.stringify(before)).toBe(snapshot);
  });
});
