import type {
  IsoTimestamp,
  Namespace,
  PoolConfiguredData,
  PoolEvent,
  PoolName,
  RolloutId,
  RunnerConnectedData,
  RunnerId,
  Version,
  VersionPublishedData,
} from '@rollcall/contracts';
import { Map as ImmutableMap, Set as ImmutableSet } from 'immutable';
import { connectFingerprint } from './connect-fingerprint';
import type { PoolRunner } from './runner';

export type PoolConfig = Readonly<Omit<PoolConfiguredData, 'namespace' | 'pool' | 'configuredBy'>>;

export type CatalogVersion = Readonly<Omit<VersionPublishedData, 'namespace' | 'pool'> & { yanked: boolean }>;

export type EmptyPool = Readonly<{ status: 'empty' }>;

/** The rollout holding the pool's one-rollout-at-a-time guard, from its `RolloutBegan` to its `RolloutEnded`. */
export type RolloutInFlight = Readonly<{ rolloutId: RolloutId; version: Version; since: IsoTimestamp }>;

/*
 * Why persistent (immutable.js) maps: the registry keeps each pool's state in memory and folds new events
 * into it, and a pool may hold 10,000+ runners. Copying a native Map per event costs O(n) per event, and
 * mutating it in place would change a state that someone still holds (a decision awaiting its append, a
 * retry after a concurrency conflict folding the missed events into the state it read). A hash array
 * mapped trie updates in O(log32 n), at most three levels below 32,768 runners, and shares everything else,
 * so each state stays a value and `evolve` stays a pure function.
 */
export type OpenPool = Readonly<{
  status: 'open';
  namespace: Namespace;
  pool: PoolName;
  config: PoolConfig | null;
  runners: ImmutableMap<RunnerId, PoolRunner>;
  /**
   * Runners whose status is `active` (registered, not draining), by version: a newer connect finds the
   * runners it supersedes without scanning the pool. Kept in step with `runners` by `putRunner` only.
   */
  activeByVersion: ImmutableMap<Version, ImmutableSet<RunnerId>>;
  /** Connects per version that no `VersionClaimRefused` answered: the versions the pool trusts it has seen. */
  trustedConnects: ImmutableMap<Version, number>;
  /** Highest key of `trustedConnects`; null until a runner connected. The version-claim guard's baseline. */
  highestKnownVersion: Version | null;
  catalog: ImmutableMap<Version, CatalogVersion>;
  rolloutInFlight: RolloutInFlight | null;
  /**
   * The version the pool's last rollout backed out of (it ended other than `completed`), until a later
   * rollout completes. A straggler of that version (a runner whose start the rollback raced) must not
   * supersede the runners the rollback kept.
   */
  backedOutVersion: Version | null;
}>;

export type PoolState = EmptyPool | OpenPool;

export function initialState(): PoolState {
  return { status: 'empty' };
}

/** Folds one event. Never throws: an event about a runner the pool does not know is ignored. */
export function evolve(state: PoolState, event: PoolEvent): PoolState {
  const pool = state.status === 'open' ? state : openPool(event.data);
  switch (event.type) {
    case 'PoolConfigured': {
      const { namespace: _namespace, pool: _pool, configuredBy: _configuredBy, ...config } = event.data;
      return { ...pool, config };
    }
    case 'RunnerConnected':
      return runnerConnected(pool, event.data);
    case 'RunnerDrainRequested': {
      const { reason, supersededBy, requestedAt, deadline, requestedBy } = event.data;
      return updateRunner(pool, event.data.runnerId, (runner) =>
        runner.status === 'active' || runner.status === 'draining'
          ? {
              ...runner,
              status: 'draining',
              drain: { reason, supersededBy, requestedAt, deadline, requestedBy },
            }
          : runner,
      );
    }
    case 'RunnerUndrained':
      return updateRunner(pool, event.data.runnerId, (runner) =>
        runner.status === 'draining' ? { ...runner, status: 'active', drain: null } : runner,
      );
    case 'RunnerBecameIdle':
      return updateRunner(pool, event.data.runnerId, (runner) => ({
        ...runner,
        idleSince: event.data.at,
        activeSessions: 0,
      }));
    case 'RunnerBecameBusy':
      return updateRunner(pool, event.data.runnerId, (runner) => ({
        ...runner,
        idleSince: null,
        activeSessions: event.data.activeSessions,
      }));
    case 'RunnerStopRequested':
      return updateRunner(pool, event.data.runnerId, (runner) =>
        runner.status === 'active' || runner.status === 'draining'
          ? { ...runner, status: 'stopping' }
          : runner,
      );
    case 'RunnerStopped':
      return updateRunner(pool, event.data.runnerId, (runner) => ({ ...runner, status: 'stopped' }));
    case 'RunnerLost':
      return updateRunner(pool, event.data.runnerId, (runner) => ({ ...runner, status: 'lost' }));
    case 'VersionClaimRefused':
      return claimRefused(pool, event.data.version);
    case 'VersionPublished': {
      const { namespace: _namespace, pool: _pool, ...published } = event.data;
      return { ...pool, catalog: pool.catalog.set(published.version, { ...published, yanked: false }) };
    }
    case 'VersionYanked': {
      const published = pool.catalog.get(event.data.version);
      if (published === undefined) return pool;
      return { ...pool, catalog: pool.catalog.set(published.version, { ...published, yanked: true }) };
    }
    case 'RolloutBegan': {
      const { rolloutId, version, at } = event.data;
      return { ...pool, rolloutInFlight: { rolloutId, version, since: at } };
    }
    case 'RolloutEnded': {
      const ended = pool.rolloutInFlight;
      if (ended?.rolloutId !== event.data.rolloutId) return pool;
      const backedOutVersion = event.data.outcome === 'completed' ? null : ended.version;
      return { ...pool, rolloutInFlight: null, backedOutVersion };
    }
    default:
      return ignoreUnknownEvent(state, event);
  }
}

// An event type from a newer writer is not ours to interpret; the `never` keeps this switch complete.
function ignoreUnknownEvent(state: PoolState, _event: never): PoolState {
  return state;
}

function openPool({ namespace, pool }: { namespace: Namespace; pool: PoolName }): OpenPool {
  return {
    status: 'open',
    namespace,
    pool,
    config: null,
    runners: ImmutableMap(),
    activeByVersion: ImmutableMap(),
    trustedConnects: ImmutableMap(),
    highestKnownVersion: null,
    catalog: ImmutableMap(),
    rolloutInFlight: null,
    backedOutVersion: null,
  };
}

function runnerConnected(pool: OpenPool, data: RunnerConnectedData): OpenPool {
  const { runnerId, version, build, serverId, slots, labels, connectedAt } = data;
  const registered: PoolRunner = {
    runnerId,
    version,
    build,
    serverId,
    slots,
    labels,
    connectedAt,
    status: 'active',
    idleSince: connectedAt,
    activeSessions: 0,
    drain: null,
    connectFingerprint: connectFingerprint(data),
  };
  const withRunner = putRunner(pool, pool.runners.get(runnerId), registered);
  const highest = withRunner.highestKnownVersion;
  return {
    ...withRunner,
    trustedConnects: withRunner.trustedConnects.update(version, 0, (count) => count + 1),
    highestKnownVersion: highest === null || version > highest ? version : highest,
  };
}

// The refusal follows the connect it answers in the same append, so it takes back that connect's count.
function claimRefused(pool: OpenPool, version: Version): OpenPool {
  const count = pool.trustedConnects.get(version, 0);
  if (count === 0) return pool;
  const trustedConnects =
    count === 1 ? pool.trustedConnects.delete(version) : pool.trustedConnects.set(version, count - 1);
  return { ...pool, trustedConnects, highestKnownVersion: trustedConnects.keySeq().max() ?? null };
}

function updateRunner(
  pool: OpenPool,
  runnerId: RunnerId,
  change: (runner: PoolRunner) => PoolRunner,
): OpenPool {
  const before = pool.runners.get(runnerId);
  if (before === undefined) return pool;
  const after = change(before);
  return after === before ? pool : putRunner(pool, before, after);
}

function putRunner(pool: OpenPool, before: PoolRunner | undefined, after: PoolRunner): OpenPool {
  let activeByVersion = pool.activeByVersion;
  if (before?.status === 'active') activeByVersion = withoutActive(activeByVersion, before);
  if (after.status === 'active') {
    activeByVersion = activeByVersion.update(after.version, ImmutableSet<RunnerId>(), (ids) =>
      ids.add(after.runnerId),
    );
  }
  return { ...pool, runners: pool.runners.set(after.runnerId, after), activeByVersion };
}

function withoutActive(
  index: ImmutableMap<Version, ImmutableSet<RunnerId>>,
  runner: PoolRunner,
): ImmutableMap<Version, ImmutableSet<RunnerId>> {
  const ids = index.get(runner.version);
  if (ids === undefined) return index;
  const rest = ids.delete(runner.runnerId);
  return rest.size === 0 ? index.delete(runner.version) : index.set(runner.version, rest);
}
