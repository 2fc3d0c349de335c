import type { PoolEvent } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '../testing/decider-specification';
import { NOW, OPERATOR, secondsAfterNow } from './controls/pool-clock';
import {
  beginRollout,
  configurePool,
  connectRunner,
  disconnectRunner,
  endRollout,
  markLost,
  publishVersion,
  recordActivity,
  requestDrain,
  requestStop,
  undrain,
  yankVersion,
} from './controls/pool-commands';
import {
  drainRequested,
  poolConfigured,
  rolloutBegan,
  rolloutEnded,
  runnerBecameBusy,
  runnerBecameIdle,
  runnerConnected,
  runnerLost,
  runnerStopped,
  runnerUndrained,
  stopRequested,
  supersededAtNow,
  versionClaimRefused,
  versionPublished,
  versionYanked,
} from './controls/pool-events';
import { decide } from './decide';
import {
  DrainDeadlineRequiredError,
  DrainTargetNotFoundError,
  InvalidRunnerStatusError,
  PoolMismatchError,
  RolloutAlreadyInFlightError,
  RunnerNotFoundError,
  VersionConflictError,
  VersionNotFoundError,
  VersionNotPublishedError,
  VersionYankedError,
} from './errors';
import { poolDecider } from './pool-decider';
import { availableRunners, runnersDueToStop } from './queries';
import { evolve, initialState, type PoolState } from './state';

const given = DeciderSpecification.for(poolDecider);

const at = NOW.toISOString();

function fold(events: readonly PoolEvent[]): PoolState {
  return events.reduce(evolve, initialState());
}

describe('empty pool', () => {
  it('is configured', () => {
    given([])
      .when(configurePool({ drainTimeoutSeconds: 120 }))
      .then(poolConfigured({ drainTimeoutSeconds: 120, configuredBy: OPERATOR }));
  });

  it('registers its first runner, whatever its version: it sets the baseline', () => {
    given([])
      .when(connectRunner({ runnerId: 'r1', version: 500, build: 'b500', labels: { workspace: 'acme' } }))
      .then(
        runnerConnected({
          runnerId: 'r1',
          version: 500,
          build: 'b500',
          labels: { workspace: 'acme' },
          connectedAt: at,
        }),
      );
  });

  it('ignores heartbeats, disconnects and losses of runners it does not know', () => {
    given([]).when(recordActivity('ghost', 3)).thenNothingHappened();
    given([]).when(disconnectRunner('ghost')).thenNothingHappened();
    given([]).when(markLost('ghost', at)).thenNothingHappened();
  });

  it('refuses operator commands on runners it does not know, naming them', () => {
    given([])
      .when(requestDrain({ by: 'runnerIds', runnerIds: ['ghost'] }))
      .thenThrows(
        DrainTargetNotFoundError,
        (error) => 'runnerId' in error.target && error.target.runnerId === 'ghost',
      );
    given([])
      .when(undrain('ghost'))
      .thenThrows(RunnerNotFoundError, (error) => error.runnerId === 'ghost');
    given([])
      .when(requestStop({ runnerId: 'ghost' }))
      .thenThrows(RunnerNotFoundError);
  });

  it('publishes a version, and cannot yank one it does not have', () => {
    given([])
      .when(publishVersion({ version: 1, notes: 'first' }))
      .then(versionPublished({ version: 1, notes: 'first', publishedAt: at }));
    given([])
      .when(yankVersion(1))
      .thenThrows(VersionNotFoundError, (error) => error.version === 1);
  });
});

describe('configured pool', () => {
  it('ignores the same config again and records a changed one', () => {
    given(poolConfigured()).when(configurePool()).thenNothingHappened();
    given(poolConfigured())
      .when(configurePool({ drainOnVersionUpgrade: false }))
      .then(poolConfigured({ drainOnVersionUpgrade: false, configuredBy: OPERATOR }));
  });

  it('refuses a command meant for another pool', () => {
    given(poolConfigured())
      .when({ ...configurePool(), data: { ...configurePool().data, pool: 'api' } })
      .thenThrows(PoolMismatchError, (error) => error.actual.pool === 'api' && error.expected.pool === 'web');
  });
});

describe('pool draining on upgrade, with active v1 runners r1 and r2 and an active v2 runner r3', () => {
  const history = [
    poolConfigured({ drainOnVersionUpgrade: true, drainTimeoutSeconds: 300 }),
    runnerConnected({ runnerId: 'r1', version: 1 }),
    runnerConnected({ runnerId: 'r2', version: 1, serverId: 'server-2' }),
    runnerConnected({ runnerId: 'r3', version: 2 }),
  ];

  it('registers a v3 runner and drains every older runner in the same decision, naming v3', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r4', version: 3 }))
      .then([
        runnerConnected({ runnerId: 'r4', version: 3, connectedAt: at }),
        supersededAtNow('r1', 3),
        supersededAtNow('r2', 3),
        supersededAtNow('r3', 3),
      ]);
  });

  it('drains only the v1 runners when another v2 runner connects: equal versions are not drained', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r4', version: 2 }))
      .then([
        runnerConnected({ runnerId: 'r4', version: 2, connectedAt: at }),
        supersededAtNow('r1', 2),
        supersededAtNow('r2', 2),
      ]);
  });

  it('drains nothing when an older v1 runner connects: newer runners are untouched', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r4', version: 1 }))
      .then(runnerConnected({ runnerId: 'r4', version: 1, connectedAt: at }));
  });

  it('registers r1 afresh as v3 when it comes back upgraded without disconnecting, and never drains it', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r1', version: 3 }))
      .then([
        runnerConnected({ runnerId: 'r1', version: 3, connectedAt: at }),
        supersededAtNow('r2', 3),
        supersededAtNow('r3', 3),
      ]);
  });

  it('leaves only the new runner available for placement once the decision is appended', () => {
    const decided = decide(connectRunner({ runnerId: 'r4', version: 3 }), fold(history));
    expect(availableRunners(fold([...history, ...decided])).map((runner) => runner.runnerId)).toEqual(['r4']);
  });
});

describe('pool where a v3 runner connected and drained the v1 and v2 runners', () => {
  const history = [
    poolConfigured(),
    runnerConnected({ runnerId: 'r1', version: 1 }),
    runnerConnected({ runnerId: 'r2', version: 2 }),
    runnerConnected({
      runnerId: 'r3',
      version: 3,
      build: 'b3',
      labels: { zone: 'a', tier: 'x' },
      connectedAt: at,
    }),
    supersededAtNow('r1', 3),
    supersededAtNow('r2', 3),
  ];

  it('ignores the same connect again (a reconnect after a NATS outage): registered and drained once', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r3', version: 3, build: 'b3', labels: { tier: 'x', zone: 'a' } }))
      .thenNothingHappened();
  });

  it('registers the runner again when its connect says something new, and drains no one twice', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r3', version: 3, build: 'b3', labels: { zone: 'b' } }))
      .then(
        runnerConnected({ runnerId: 'r3', version: 3, build: 'b3', labels: { zone: 'b' }, connectedAt: at }),
      );
  });

  it('drains only the runners still active when a v4 runner connects', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r4', version: 4 }))
      .then([runnerConnected({ runnerId: 'r4', version: 4, connectedAt: at }), supersededAtNow('r3', 4)]);
  });
});

describe('pool that does not drain on upgrade, with an active v1 runner', () => {
  it('registers a v2 runner and drains nothing', () => {
    given([poolConfigured({ drainOnVersionUpgrade: false }), runnerConnected({ runnerId: 'r1', version: 1 })])
      .when(connectRunner({ runnerId: 'r2', version: 2 }))
      .then(runnerConnected({ runnerId: 'r2', version: 2, connectedAt: at }));
  });
});

describe('pool without config, with an active v1 runner', () => {
  it('registers a v2 runner and drains nothing', () => {
    given(runnerConnected({ runnerId: 'r1', version: 1 }))
      .when(connectRunner({ runnerId: 'r2', version: 2 }))
      .then(runnerConnected({ runnerId: 'r2', version: 2, connectedAt: at }));
  });

  it('takes an operator drain only with an explicit deadline', () => {
    given(runnerConnected({ runnerId: 'r1', version: 1 }))
      .when(requestDrain({ by: 'runnerIds', runnerIds: ['r1'] }))
      .thenThrows(DrainDeadlineRequiredError);
    given(runnerConnected({ runnerId: 'r1', version: 1 }))
      .when(requestDrain({ by: 'runnerIds', runnerIds: ['r1'] }, { deadlineSeconds: 30 }))
      .then(
        drainRequested({
          runnerId: 'r1',
          reason: 'operator',
          requestedAt: at,
          deadline: secondsAfterNow(30),
          requestedBy: OPERATOR,
        }),
      );
  });
});

describe('pool with a draining v1 runner r1 and an active v2 runner r2', () => {
  const drain = drainRequested({ runnerId: 'r1', supersededBy: 2, deadline: secondsAfterNow(60) });
  const history = [
    poolConfigured(),
    runnerConnected({ runnerId: 'r1', version: 1, build: 'b1' }),
    runnerConnected({ runnerId: 'r2', version: 2 }),
    drain,
  ];

  it('undrains r1, and ignores an undrain of the active r2', () => {
    given(history).when(undrain('r1')).then(runnerUndrained('r1'));
    given(history).when(undrain('r2')).thenNothingHappened();
  });

  it('stops r1, and refuses to stop r2 that is not draining', () => {
    given(history)
      .when(requestStop({ runnerId: 'r1', forced: true, reason: 'drain_deadline' }))
      .then(stopRequested({ runnerId: 'r1', forced: true, reason: 'drain_deadline' }));
    given(history)
      .when(requestStop({ runnerId: 'r2' }))
      .thenThrows(InvalidRunnerStatusError, (error) => error.runnerId === 'r2' && error.status === 'active');
  });

  it('keeps the drain when r1 registers again with other details', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r1', version: 1, build: 'b1-hotfix' }))
      .then([runnerConnected({ runnerId: 'r1', version: 1, build: 'b1-hotfix', connectedAt: at }), drain]);
  });

  it('lists r1 to stop gracefully while it is idle, and by force once busy past its deadline', () => {
    expect(runnersDueToStop(fold(history), NOW)).toEqual([
      { runnerId: 'r1', forced: false, reason: 'drain_complete' },
    ]);
    const busy = fold([...history, runnerBecameBusy('r1', 2)]);
    expect(runnersDueToStop(busy, NOW)).toEqual([]);
    expect(runnersDueToStop(busy, new Date(secondsAfterNow(60)))).toEqual([
      { runnerId: 'r1', forced: true, reason: 'drain_deadline' },
    ]);
  });

  it('never lists the draining r1 for placement', () => {
    expect(availableRunners(fold(history)).map((runner) => runner.runnerId)).toEqual(['r2']);
  });
});

describe('pool with a stopping v1 runner r1', () => {
  const history = [
    poolConfigured(),
    runnerConnected({ runnerId: 'r1', version: 1 }),
    drainRequested({ runnerId: 'r1', supersededBy: 2 }),
    stopRequested({ runnerId: 'r1' }),
  ];

  it('refuses an undrain: the stop is already on its way', () => {
    given(history)
      .when(undrain('r1'))
      .thenThrows(
        InvalidRunnerStatusError,
        (error) => error.status === 'stopping' && error.action === 'undrain',
      );
  });

  it('ignores a repeated stop', () => {
    given(history)
      .when(requestStop({ runnerId: 'r1' }))
      .thenNothingHappened();
  });

  it('records the stop when the runner disconnects, or its loss', () => {
    given(history).when(disconnectRunner('r1', 'drained')).then(runnerStopped('r1', 'drained'));
    given(history)
      .when(markLost('r1', '2026-03-01T11:59:00.000Z'))
      .then({
        ...runnerLost('r1'),
        data: { ...runnerLost('r1').data, lastSeenAt: '2026-03-01T11:59:00.000Z' },
      });
  });

  it('is no longer listed to stop', () => {
    expect(runnersDueToStop(fold(history), NOW)).toEqual([]);
  });
});

describe('pool with a stopped v1 runner r1 and an active v1 runner r2', () => {
  const history = [
    poolConfigured(),
    runnerConnected({ runnerId: 'r1', version: 1 }),
    runnerConnected({ runnerId: 'r2', version: 1 }),
    runnerStopped('r1'),
  ];

  it('ignores a repeated disconnect, heartbeats, a loss and a stop', () => {
    given(history).when(disconnectRunner('r1')).thenNothingHappened();
    given(history).when(recordActivity('r1', 2)).thenNothingHappened();
    given(history).when(markLost('r1', at)).thenNothingHappened();
    given(history)
      .when(requestStop({ runnerId: 'r1' }))
      .thenNothingHappened();
  });

  it('refuses an undrain', () => {
    given(history).when(undrain('r1')).thenThrows(InvalidRunnerStatusError);
  });

  it('registers r1 afresh when it connects again with the same details', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r1', version: 1 }))
      .then(runnerConnected({ runnerId: 'r1', version: 1, connectedAt: at }));
  });

  it('registers r1 afresh as v2 and drains r2 when it comes back upgraded', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r1', version: 2 }))
      .then([runnerConnected({ runnerId: 'r1', version: 2, connectedAt: at }), supersededAtNow('r2', 2)]);
  });
});

describe('pool with a lost v1 runner r1', () => {
  const history = [poolConfigured(), runnerConnected({ runnerId: 'r1', version: 1 }), runnerLost('r1')];

  it('registers r1 afresh when it connects again', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r1', version: 1 }))
      .then(runnerConnected({ runnerId: 'r1', version: 1, connectedAt: at }));
  });

  it('ignores a repeated loss', () => {
    given(history).when(markLost('r1', at)).thenNothingHappened();
  });
});

describe('pool with an idle active runner r1', () => {
  const history = [poolConfigured(), runnerConnected({ runnerId: 'r1', version: 1 })];

  it('records nothing for a heartbeat with no session', () => {
    given(history).when(recordActivity('r1', 0)).thenNothingHappened();
  });

  it('records the runner becoming busy', () => {
    given(history).when(recordActivity('r1', 3)).then(runnerBecameBusy('r1', 3));
  });

  it('records its loss', () => {
    given(history)
      .when(markLost('r1', '2026-03-01T11:58:00.000Z'))
      .then({
        ...runnerLost('r1'),
        data: { ...runnerLost('r1').data, lastSeenAt: '2026-03-01T11:58:00.000Z' },
      });
  });
});

describe('pool with a busy active runner r1', () => {
  const history = [
    poolConfigured(),
    runnerConnected({ runnerId: 'r1', version: 1 }),
    runnerBecameBusy('r1', 3),
  ];

  it('records nothing while it stays busy, whatever its session count', () => {
    given(history).when(recordActivity('r1', 5)).thenNothingHappened();
  });

  it('records the runner becoming idle', () => {
    given(history).when(recordActivity('r1', 0)).then(runnerBecameIdle('r1'));
  });
});

describe('pool with a catalog of v1 and v2, a yanked v3, and an active v1 runner r1', () => {
  const history = [
    poolConfigured(),
    versionPublished({ version: 1 }),
    versionPublished({ version: 2 }),
    versionPublished({ version: 3 }),
    versionYanked(3),
    runnerConnected({ runnerId: 'r1', version: 1 }),
  ];

  it('lets a published v2 runner drain r1', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r2', version: 2 }))
      .then([runnerConnected({ runnerId: 'r2', version: 2, connectedAt: at }), supersededAtNow('r1', 2)]);
  });

  it('registers an unpublished v4 runner but drains nothing, saying why', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r4', version: 4 }))
      .then([
        runnerConnected({ runnerId: 'r4', version: 4, connectedAt: at }),
        versionClaimRefused({
          runnerId: 'r4',
          version: 4,
          highestKnownVersion: 2,
          reason: 'version_unpublished',
        }),
      ]);
  });

  it('registers a yanked v3 runner but drains nothing, saying why', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r3', version: 3 }))
      .then([
        runnerConnected({ runnerId: 'r3', version: 3, connectedAt: at }),
        versionClaimRefused({ runnerId: 'r3', version: 3, highestKnownVersion: 2, reason: 'version_yanked' }),
      ]);
  });

  it('ignores a republish of the same version and refuses other content under its number', () => {
    given(history)
      .when(publishVersion({ version: 2 }))
      .thenNothingHappened();
    given(history)
      .when(publishVersion({ version: 2, artifact: 'registry.example/web:other' }))
      .thenThrows(
        VersionConflictError,
        (error) => error.version === 2 && error.published.artifact.endsWith(':2'),
      );
  });

  it('yanks v2, and ignores a second yank of v3', () => {
    given(history).when(yankVersion(2, 'leaks memory')).then(versionYanked(2, 'leaks memory'));
    given(history).when(yankVersion(3)).thenNothingHappened();
  });
});

describe('pool without a catalog, maxVersionStep 10, with an active v1 runner r1', () => {
  const history = [poolConfigured({ maxVersionStep: 10 }), runnerConnected({ runnerId: 'r1', version: 1 })];
  const refusedV12 = [
    runnerConnected({ runnerId: 'r12', version: 12, connectedAt: at }),
    versionClaimRefused({
      runnerId: 'r12',
      version: 12,
      highestKnownVersion: 1,
      reason: 'max_version_step_exceeded',
    }),
  ];

  it('lets a v11 runner drain r1: one step of 10 is allowed', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r11', version: 11 }))
      .then([runnerConnected({ runnerId: 'r11', version: 11, connectedAt: at }), supersededAtNow('r1', 11)]);
  });

  it('registers a v12 runner but drains nothing, saying why', () => {
    given(history)
      .when(connectRunner({ runnerId: 'r12', version: 12 }))
      .then(refusedV12);
  });

  it('does not move its baseline for a refused claim: a second v12 runner is refused too', () => {
    given([...history, ...refusedV12])
      .when(connectRunner({ runnerId: 'r12b', version: 12 }))
      .then([
        runnerConnected({ runnerId: 'r12b', version: 12, connectedAt: at }),
        versionClaimRefused({
          runnerId: 'r12b',
          version: 12,
          highestKnownVersion: 1,
          reason: 'max_version_step_exceeded',
        }),
      ]);
  });

  it('lets a v11 runner drain r1 after a refused v12 claim, leaving the newer v12 runner alone', () => {
    given([...history, ...refusedV12])
      .when(connectRunner({ runnerId: 'r11', version: 11 }))
      .then([runnerConnected({ runnerId: 'r11', version: 11, connectedAt: at }), supersededAtNow('r1', 11)]);
  });

  it('guards its baseline even while it does not drain on upgrade', () => {
    given([poolConfigured({ drainOnVersionUpgrade: false }), runnerConnected({ runnerId: 'r1', version: 1 })])
      .when(connectRunner({ runnerId: 'r99', version: 2147483647 }))
      .then([
        runnerConnected({ runnerId: 'r99', version: 2147483647, connectedAt: at }),
        versionClaimRefused({
          runnerId: 'r99',
          version: 2147483647,
          highestKnownVersion: 1,
          reason: 'max_version_step_exceeded',
        }),
      ]);
  });
});

describe('pool with v1 runner r1 and v2 runner r2 on server-1, and on server-2 an active v2 r3 and a draining v2 r4', () => {
  const history = [
    poolConfigured({ drainTimeoutSeconds: 300 }),
    runnerConnected({ runnerId: 'r1', version: 1, serverId: 'server-1' }),
    runnerConnected({ runnerId: 'r2', version: 2, serverId: 'server-1' }),
    runnerConnected({ runnerId: 'r3', version: 2, serverId: 'server-2' }),
    runnerConnected({ runnerId: 'r4', version: 2, serverId: 'server-2' }),
    drainRequested({ runnerId: 'r4', reason: 'operator' }),
  ];
  const operatorDrain = (runnerId: string, reason: 'operator' | 'server_drain', seconds = 300) =>
    drainRequested({
      runnerId,
      reason,
      requestedAt: at,
      deadline: secondsAfterNow(seconds),
      requestedBy: OPERATOR,
    });

  it('drains named runners with the given deadline', () => {
    given(history)
      .when(requestDrain({ by: 'runnerIds', runnerIds: ['r2', 'r1', 'r2'] }, { deadlineSeconds: 45 }))
      .then([operatorDrain('r1', 'operator', 45), operatorDrain('r2', 'operator', 45)]);
  });

  it('refuses a drain naming a runner it does not know, and names it', () => {
    given(history)
      .when(requestDrain({ by: 'runnerIds', runnerIds: ['r1', 'ghost'] }))
      .thenThrows(DrainTargetNotFoundError, (error) => error.message.includes('runner ghost'));
  });

  it("drains a rollout target's old runners naming the version that supersedes them", () => {
    given(history)
      .when(requestDrain({ by: 'runnerIds', runnerIds: ['r1'] }, { reason: 'rollout', supersededBy: 3 }))
      .then(
        drainRequested({
          runnerId: 'r1',
          reason: 'rollout',
          supersededBy: 3,
          requestedAt: at,
          deadline: secondsAfterNow(300),
          requestedBy: OPERATOR,
        }),
      );
  });

  it('drains a server once, within the pool drain timeout: the draining r4 is not drained twice', () => {
    given(history)
      .when(requestDrain({ by: 'serverId', serverId: 'server-2' }, { reason: 'server_drain' }))
      .then(operatorDrain('r3', 'server_drain'));
  });

  it('refuses to drain a server it has no runner on', () => {
    given(history)
      .when(requestDrain({ by: 'serverId', serverId: 'server-9' }))
      .thenThrows(DrainTargetNotFoundError, (error) => error.message.includes('server server-9'));
  });

  it('drains a version', () => {
    given(history)
      .when(requestDrain({ by: 'version', version: 2 }))
      .then([operatorDrain('r2', 'operator'), operatorDrain('r3', 'operator')]);
  });

  it('refuses to drain a version no runner has', () => {
    given(history)
      .when(requestDrain({ by: 'version', version: 9 }))
      .thenThrows(
        DrainTargetNotFoundError,
        (error) => 'version' in error.target && error.target.version === 9,
      );
  });

  it('ignores a drain of runners that are all draining already', () => {
    given(history)
      .when(requestDrain({ by: 'runnerIds', runnerIds: ['r4'] }))
      .thenNothingHappened();
  });
});

describe('pool with a catalog of v1 and v2 and a yanked v3, draining on upgrade, with an active v1 runner r1', () => {
  const history = [
    poolConfigured(),
    versionPublished({ version: 1 }),
    versionPublished({ version: 2, digest: 'sha256:abc2' }),
    versionPublished({ version: 3 }),
    versionYanked(3),
    runnerConnected({ runnerId: 'r1', version: 1 }),
  ];

  it('begins a rollout to v2 with its catalog entry', () => {
    given(history)
      .when(beginRollout('roll-1', 2))
      .then({
        ...rolloutBegan('roll-1', 2),
        data: { ...rolloutBegan('roll-1', 2).data, digest: 'sha256:abc2' },
      });
  });

  it('refuses a rollout to a version it never published, or yanked', () => {
    given(history)
      .when(beginRollout('roll-1', 4))
      .thenThrows(VersionNotPublishedError, (error) => error.version === 4);
    given(history)
      .when(beginRollout('roll-1', 3))
      .thenThrows(VersionYankedError, (error) => error.version === 3);
    given([]).when(beginRollout('roll-1', 1)).thenThrows(VersionNotPublishedError);
  });

  describe('and a rollout roll-1 to v2 in flight', () => {
    const inFlight = [...history, rolloutBegan('roll-1', 2)];

    it('refuses a second rollout, naming the one in flight', () => {
      given(inFlight)
        .when(beginRollout('roll-2', 1))
        .thenThrows(
          RolloutAlreadyInFlightError,
          (error) =>
            error.inFlight.rolloutId === 'roll-1' &&
            error.inFlight.version === 2 &&
            error.message.includes('roll-1'),
        );
    });

    it('ignores the same begin again', () => {
      given(inFlight).when(beginRollout('roll-1', 2)).thenNothingHappened();
    });

    it('registers a v2 runner without superseding r1: the rollout drains each target itself', () => {
      given(inFlight)
        .when(connectRunner({ runnerId: 'r2', version: 2 }))
        .then(runnerConnected({ runnerId: 'r2', version: 2, connectedAt: at }));
    });

    it('still drains on upgrade for a version the rollout does not move', () => {
      given([...inFlight, versionPublished({ version: 4 })])
        .when(connectRunner({ runnerId: 'r4', version: 4 }))
        .then([runnerConnected({ runnerId: 'r4', version: 4, connectedAt: at }), supersededAtNow('r1', 4)]);
    });

    it('lets a straggler of a backed-out version register without superseding the runners the rollback kept', () => {
      given([...inFlight, rolloutEnded('roll-1', 'rolled_back')])
        .when(connectRunner({ runnerId: 'r2', version: 2 }))
        .then(runnerConnected({ runnerId: 'r2', version: 2, connectedAt: at }));
    });

    it('drains on upgrade again once a rollout to that version completed', () => {
      given([
        ...inFlight,
        rolloutEnded('roll-1', 'rolled_back'),
        rolloutBegan('roll-2', 2),
        rolloutEnded('roll-2', 'completed'),
      ])
        .when(connectRunner({ runnerId: 'r2', version: 2 }))
        .then([runnerConnected({ runnerId: 'r2', version: 2, connectedAt: at }), supersededAtNow('r1', 2)]);
    });

    it('ends the rollout, then takes another one; ending it again or ending another is a repeat', () => {
      given(inFlight).when(endRollout('roll-1', 'rolled_back')).then(rolloutEnded('roll-1', 'rolled_back'));
      given(inFlight).when(endRollout('roll-0')).thenNothingHappened();
      given([...inFlight, rolloutEnded('roll-1')])
        .when(endRollout('roll-1'))
        .thenNothingHappened();
      given([...inFlight, rolloutEnded('roll-1')])
        .when(beginRollout('roll-2', 1))
        .then(rolloutBegan('roll-2', 1));
    });
  });
});

describe('evolve', () => {
  it('ignores events about runners the pool does not know', () => {
    const state = fold([
      poolConfigured(),
      runnerBecameBusy('ghost', 1),
      runnerStopped('ghost'),
      runnerUndrained('ghost'),
    ]);
    expect(state.status === 'open' && state.runners.size).toBe(0);
  });

  it('leaves the state it was given untouched', () => {
    const before = fold([poolConfigured(), runnerConnected({ runnerId: 'r1', version: 1 })]);
    const after = evolve(before, drainRequested({ runnerId: 'r1' }));
    expect(availableRunners(before).map((runner) => runner.runnerId)).toEqual(['r1']);
    expect(availableRunners(after)).toEqual([]);
  });
});
