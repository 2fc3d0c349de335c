import { isDeepStrictEqual } from 'node:util';
import type {
  Actor,
  DrainReason,
  PoolConfiguredData,
  PoolEvent,
  RolloutBeganData,
  RolloutEndedData,
  RunnerConnected,
  RunnerConnectedData,
  RunnerDrainRequested,
  RunnerHeartbeatMessage,
  RunnerId,
  RunnerLostData,
  RunnerStoppedData,
  RunnerStopRequestedData,
  ServerId,
  Version,
  VersionPublishedData,
  VersionYankedData,
} from '@rollcall/contracts';
import { byRunnerId } from './by-runner-id';
import { connectFingerprint } from './connect-fingerprint';
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
import { findRunner, runnersOfServer } from './queries';
import { isLive, type PoolRunner, type RunnerDrain } from './runner';
import type { OpenPool, PoolState } from './state';
import { judgeVersionClaim } from './version-claim';

/** The clock and the actor come in with each command, so `decide` stays pure and replayable. */
export type CommandMetadata = Readonly<{ now: Date; actor: Actor }>;

/** Every command names the pool (the aggregate) it is meant for. */
export type PoolRef = Readonly<Pick<RunnerConnectedData, 'namespace' | 'pool'>>;

type PoolCommandOf<Type extends string, Data> = Readonly<{
  type: Type;
  data: PoolRef & Readonly<Data>;
  metadata: CommandMetadata;
}>;

export type ConfigurePool = PoolCommandOf<
  'ConfigurePool',
  Pick<
    PoolConfiguredData,
    | 'drainOnVersionUpgrade'
    | 'drainTimeoutSeconds'
    | 'autoUpgrade'
    | 'maxVersionStep'
    | 'rolloutDefaults'
    | 'targets'
  >
>;

/** From a validated `runner.connected` message (its `slots` and `labels` defaults applied). */
export type ConnectRunner = PoolCommandOf<
  'ConnectRunner',
  Pick<RunnerConnectedData, 'runnerId' | 'version' | 'build' | 'serverId' | 'slots' | 'labels'>
>;

/** From a heartbeat; only a busy/idle transition becomes an event (architecture rule 6). */
export type RecordActivity = PoolCommandOf<
  'RecordActivity',
  Pick<RunnerHeartbeatMessage, 'runnerId' | 'activeSessions'>
>;

export type DisconnectRunner = PoolCommandOf<
  'DisconnectRunner',
  Pick<RunnerStoppedData, 'runnerId' | 'reason'>
>;

export type DrainTarget =
  | Readonly<{ by: 'runnerIds'; runnerIds: readonly RunnerId[] }>
  | Readonly<{ by: 'serverId'; serverId: ServerId }>
  | Readonly<{ by: 'version'; version: Version }>;

export type RequestDrain = PoolCommandOf<
  'RequestDrain',
  {
    target: DrainTarget;
    reason: DrainReason;
    /** Seconds from `now` until a busy runner is stopped by force. @default the pool's `drainTimeoutSeconds` */
    deadlineSeconds?: number | undefined;
    /** The version replacing the drained runners (a rollout's drain of a target's old runners). */
    supersededBy?: Version | undefined;
  }
>;

export type Undrain = PoolCommandOf<'Undrain', { runnerId: RunnerId }>;

export type RequestStop = PoolCommandOf<
  'RequestStop',
  Pick<RunnerStopRequestedData, 'runnerId' | 'forced' | 'reason'>
>;

export type MarkLost = PoolCommandOf<'MarkLost', Pick<RunnerLostData, 'runnerId' | 'reason' | 'lastSeenAt'>>;

export type PublishVersion = PoolCommandOf<
  'PublishVersion',
  Pick<VersionPublishedData, 'version' | 'build' | 'artifact' | 'digest' | 'notes'>
>;

export type YankVersion = PoolCommandOf<'YankVersion', Pick<VersionYankedData, 'version' | 'reason'>>;

/**
 * Takes the pool's one-rollout-at-a-time guard for a rollout to a published, non-yanked version. Append its
 * `RolloutBegan` in the same transaction as the rollout's `RolloutStarted` (rollout stream expected not to
 * exist), so two concurrent starts conflict on the pool stream and a repeated start on the rollout stream.
 */
export type BeginRollout = PoolCommandOf<'BeginRollout', Pick<RolloutBeganData, 'rolloutId' | 'version'>>;

/** Releases the guard once the rollout is finished (`RolloutFinished` on its stream). */
export type EndRollout = PoolCommandOf<'EndRollout', Pick<RolloutEndedData, 'rolloutId' | 'outcome'>>;

export type PoolCommand =
  | ConfigurePool
  | ConnectRunner
  | RecordActivity
  | DisconnectRunner
  | RequestDrain
  | Undrain
  | RequestStop
  | MarkLost
  | PublishVersion
  | YankVersion
  | BeginRollout
  | EndRollout;

/** Who requests the drains Rollcall decides on its own (a newer version superseding older runners). */
export const ROLLCALL_ACTOR = 'rollcall';

/**
 * Returns the events to append for `command` on a pool in `state` (none: nothing to do, e.g. a repeat),
 * or throws a `PoolCommandError` when the command is refused.
 */
export function decide(command: PoolCommand, state: PoolState): PoolEvent[] {
  assertSamePool(command.data, state);
  switch (command.type) {
    case 'ConfigurePool':
      return configurePool(command, state);
    case 'ConnectRunner':
      return connectRunner(command, state);
    case 'RecordActivity':
      return recordActivity(command, state);
    case 'DisconnectRunner':
      return disconnectRunner(command, state);
    case 'RequestDrain':
      return requestDrain(command, state);
    case 'Undrain':
      return undrain(command, state);
    case 'RequestStop':
      return requestStop(command, state);
    case 'MarkLost':
      return markLost(command, state);
    case 'PublishVersion':
      return publishVersion(command, state);
    case 'YankVersion':
      return yankVersion(command, state);
    case 'BeginRollout':
      return beginRollout(command, state);
    case 'EndRollout':
      return endRollout(command, state);
    default:
      return unknownCommand(command);
  }
}

function unknownCommand(command: never): never {
  throw new TypeError(`unknown pool command: ${JSON.stringify(command)}`);
}

function assertSamePool(ref: PoolRef, state: PoolState): void {
  if (state.status === 'open' && (state.namespace !== ref.namespace || state.pool !== ref.pool)) {
    throw new PoolMismatchError(
      { namespace: state.namespace, pool: state.pool },
      { namespace: ref.namespace, pool: ref.pool },
    );
  }
}

function configurePool({ data, metadata }: ConfigurePool, state: PoolState): PoolEvent[] {
  const { namespace, pool, ...config } = data;
  const current = state.status === 'open' ? state.config : null;
  // A config equal to the current one (absent optional settings included) records nothing.
  if (current !== null && isDeepStrictEqual(withoutAbsent(current), withoutAbsent(config))) return [];
  return [
    {
      type: 'PoolConfigured',
      data: {
        namespace,
        pool,
        ...config,
        configuredBy: metadata.actor,
      },
    },
  ];
}

/**
 * Architecture rule 2 in one decision: a newer version's `RunnerConnected` comes back together with the
 * drain of every older active runner it supersedes, so the handler appends them in one transaction.
 */
function connectRunner({ data, metadata }: ConnectRunner, state: PoolState): PoolEvent[] {
  const { namespace, pool, runnerId, version, build, serverId, slots, labels } = data;
  const previous = findRunner(state, runnerId);
  const live = previous !== undefined && isLive(previous) ? previous : undefined;
  // A reconnect after a NATS outage repeats the same connect: registering or draining again would be wrong.
  if (live !== undefined && live.connectFingerprint === connectFingerprint(data)) return [];

  const connected: RunnerConnected = {
    type: 'RunnerConnected',
    data: {
      namespace,
      pool,
      runnerId,
      version,
      build,
      serverId,
      slots,
      labels,
      connectedAt: iso(metadata.now),
    },
  };
  // A registration never cancels a recorded drain (only an operator's Undrain does): the same version
  // re-registering with other details is drained again, as it was. A new version is a new incarnation.
  if (live?.drain && live.version === version) return [connected, drainRequested(data, live.drain)];
  // An empty pool has no config, catalog or runners: nothing to drain, nothing to judge the version by.
  if (state.status === 'empty') return [connected];

  const config = state.config;
  // A rollout to this version drains each target's old runners itself, once the target's new ones proved
  // healthy: superseding the whole pool on the first canary's connect would defeat the rollout. A version
  // the last rollout backed out of supersedes nothing either: its late connect would undo the rollback.
  const movedByRollout = state.rolloutInFlight?.version === version || state.backedOutVersion === version;
  const superseded =
    config?.drainOnVersionUpgrade && !movedByRollout ? olderActiveRunners(state, version, runnerId) : [];
  const highest = state.highestKnownVersion;
  const raisesHighest = highest === null || version > highest;
  if (!raisesHighest && superseded.length === 0) return [connected];

  const verdict = judgeVersionClaim(state, version);
  if (!verdict.trusted) {
    const { reason, highestKnownVersion } = verdict;
    return [
      connected,
      {
        type: 'VersionClaimRefused',
        data: { namespace, pool, runnerId, version, highestKnownVersion, reason, at: iso(metadata.now) },
      },
    ];
  }
  if (config === null || superseded.length === 0) return [connected];
  const drain: RunnerDrain = {
    reason: 'version_upgrade',
    supersededBy: version,
    requestedAt: iso(metadata.now),
    deadline: secondsAfter(metadata.now, config.drainTimeoutSeconds),
    requestedBy: ROLLCALL_ACTOR,
  };
  return [
    connected,
    ...superseded.map((older) => drainRequested({ namespace, pool, runnerId: older }, drain)),
  ];
}

/** Active runners of an older version, by version then id; the index spares a scan of the whole pool. */
function olderActiveRunners(pool: OpenPool, version: Version, except: RunnerId): RunnerId[] {
  const older: { version: Version; runnerId: RunnerId }[] = [];
  for (const [olderVersion, runnerIds] of pool.activeByVersion) {
    if (olderVersion >= version) continue;
    for (const runnerId of runnerIds) {
      if (runnerId !== except) older.push({ version: olderVersion, runnerId });
    }
  }
  return older.sort((a, b) => a.version - b.version || byRunnerId(a, b)).map(({ runnerId }) => runnerId);
}

function recordActivity({ data, metadata }: RecordActivity, state: PoolState): PoolEvent[] {
  const { namespace, pool, runnerId, activeSessions } = data;
  const runner = findRunner(state, runnerId);
  if (runner === undefined || !isLive(runner)) return [];
  const wasBusy = runner.idleSince === null;
  if (activeSessions > 0 === wasBusy) return [];
  const at = iso(metadata.now);
  return activeSessions > 0
    ? [{ type: 'RunnerBecameBusy', data: { namespace, pool, runnerId, activeSessions, at } }]
    : [{ type: 'RunnerBecameIdle', data: { namespace, pool, runnerId, at } }];
}

function disconnectRunner({ data, metadata }: DisconnectRunner, state: PoolState): PoolEvent[] {
  const { namespace, pool, runnerId, reason } = data;
  const runner = findRunner(state, runnerId);
  if (runner === undefined || !isLive(runner)) return [];
  return [{ type: 'RunnerStopped', data: { namespace, pool, runnerId, reason, at: iso(metadata.now) } }];
}

function requestDrain({ data, metadata }: RequestDrain, state: PoolState): PoolEvent[] {
  const { namespace, pool, target, reason } = data;
  const targeted = drainTargets(state, target);
  const deadlineSeconds =
    data.deadlineSeconds ?? (state.status === 'open' ? state.config?.drainTimeoutSeconds : undefined);
  if (deadlineSeconds === undefined) throw new DrainDeadlineRequiredError();
  const drain: RunnerDrain = {
    reason,
    ...(data.supersededBy === undefined ? {} : { supersededBy: data.supersededBy }),
    requestedAt: iso(metadata.now),
    deadline: secondsAfter(metadata.now, deadlineSeconds),
    requestedBy: metadata.actor,
  };
  // Runners already draining keep their drain; stopping and gone ones have nothing left to drain.
  return targeted
    .filter((runner) => runner.status === 'active')
    .sort(byRunnerId)
    .map((runner) => drainRequested({ namespace, pool, runnerId: runner.runnerId }, drain));
}

function drainTargets(state: PoolState, target: DrainTarget): PoolRunner[] {
  switch (target.by) {
    case 'runnerIds':
      return [...new Set(target.runnerIds)].map((runnerId) => {
        const runner = findRunner(state, runnerId);
        if (runner === undefined) throw new DrainTargetNotFoundError({ runnerId });
        return runner;
      });
    case 'serverId': {
      const onServer = runnersOfServer(state, target.serverId);
      if (onServer.length === 0) throw new DrainTargetNotFoundError({ serverId: target.serverId });
      return onServer;
    }
    case 'version': {
      const ofVersion =
        state.status === 'open'
          ? [...state.runners.values()].filter((runner) => runner.version === target.version)
          : [];
      if (ofVersion.length === 0) throw new DrainTargetNotFoundError({ version: target.version });
      return ofVersion;
    }
  }
}

function undrain({ data, metadata }: Undrain, state: PoolState): PoolEvent[] {
  const { namespace, pool, runnerId } = data;
  const runner = findRunner(state, runnerId);
  if (runner === undefined) throw new RunnerNotFoundError(runnerId);
  switch (runner.status) {
    case 'draining':
      return [
        {
          type: 'RunnerUndrained',
          data: { namespace, pool, runnerId, requestedBy: metadata.actor, at: iso(metadata.now) },
        },
      ];
    case 'active':
      return [];
    default:
      throw new InvalidRunnerStatusError(runnerId, runner.status, 'undrain');
  }
}

function requestStop({ data, metadata }: RequestStop, state: PoolState): PoolEvent[] {
  const { namespace, pool, runnerId, forced, reason } = data;
  const runner = findRunner(state, runnerId);
  if (runner === undefined) throw new RunnerNotFoundError(runnerId);
  switch (runner.status) {
    case 'draining':
      return [
        {
          type: 'RunnerStopRequested',
          data: { namespace, pool, runnerId, forced, reason, requestedAt: iso(metadata.now) },
        },
      ];
    case 'active':
      // Stopping is the end of a drain: the runner must first stop taking sessions.
      throw new InvalidRunnerStatusError(runnerId, runner.status, 'stop');
    default:
      return [];
  }
}

function markLost({ data, metadata }: MarkLost, state: PoolState): PoolEvent[] {
  const { namespace, pool, runnerId, reason, lastSeenAt } = data;
  const runner = findRunner(state, runnerId);
  if (runner === undefined || !isLive(runner)) return [];
  return [
    { type: 'RunnerLost', data: { namespace, pool, runnerId, reason, lastSeenAt, at: iso(metadata.now) } },
  ];
}

/** A published version is immutable: republishing the same content is a repeat, other content a conflict. */
function publishVersion({ data, metadata }: PublishVersion, state: PoolState): PoolEvent[] {
  const { namespace, pool, version, build, artifact, digest, notes } = data;
  const published = state.status === 'open' ? state.catalog.get(version) : undefined;
  if (published !== undefined) {
    if (published.artifact === artifact && published.digest === digest && published.build === build)
      return [];
    throw new VersionConflictError(version, published);
  }
  return [
    {
      type: 'VersionPublished',
      data: {
        namespace,
        pool,
        version,
        build,
        artifact,
        digest,
        notes,
        publishedAt: iso(metadata.now),
        publishedBy: metadata.actor,
      },
    },
  ];
}

function yankVersion({ data, metadata }: YankVersion, state: PoolState): PoolEvent[] {
  const { namespace, pool, version, reason } = data;
  const published = state.status === 'open' ? state.catalog.get(version) : undefined;
  if (published === undefined) throw new VersionNotFoundError(version);
  if (published.yanked) return [];
  return [{ type: 'VersionYanked', data: { namespace, pool, version, reason, at: iso(metadata.now) } }];
}

function beginRollout({ data, metadata }: BeginRollout, state: PoolState): PoolEvent[] {
  const { namespace, pool, rolloutId, version } = data;
  const inFlight = state.status === 'open' ? state.rolloutInFlight : null;
  if (inFlight !== null) {
    if (inFlight.rolloutId === rolloutId && inFlight.version === version) return [];
    throw new RolloutAlreadyInFlightError(inFlight);
  }
  const published = state.status === 'open' ? state.catalog.get(version) : undefined;
  if (published === undefined) throw new VersionNotPublishedError(version);
  if (published.yanked) throw new VersionYankedError(version);
  const { build, artifact, digest } = published;
  return [
    {
      type: 'RolloutBegan',
      data: {
        namespace,
        pool,
        rolloutId,
        version,
        build,
        artifact,
        ...(digest === undefined ? {} : { digest }),
        by: metadata.actor,
        at: iso(metadata.now),
      },
    },
  ];
}

/** Ending a rollout that does not hold the pool (any more) is a repeat. */
function endRollout({ data, metadata }: EndRollout, state: PoolState): PoolEvent[] {
  const { namespace, pool, rolloutId, outcome } = data;
  if (state.status !== 'open' || state.rolloutInFlight?.rolloutId !== rolloutId) return [];
  return [{ type: 'RolloutEnded', data: { namespace, pool, rolloutId, outcome, at: iso(metadata.now) } }];
}

function drainRequested(
  { namespace, pool, runnerId }: PoolRef & { readonly runnerId: RunnerId },
  drain: RunnerDrain,
): RunnerDrainRequested {
  return { type: 'RunnerDrainRequested', data: { namespace, pool, runnerId, ...drain } };
}

function iso(date: Date): string {
  return date.toISOString();
}

function secondsAfter(date: Date, seconds: number): string {
  return new Date(date.getTime() + seconds * 1000).toISOString();
}

/** The settings that are present: `{a: undefined}` and `{}` configure a pool the same way. */
function withoutAbsent(config: object): object {
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
}
