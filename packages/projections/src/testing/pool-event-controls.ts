import type {
  PoolConfigured,
  PoolConfiguredData,
  RunnerBecameBusy,
  RunnerBecameIdle,
  RunnerConnected,
  RunnerConnectedData,
  RunnerDrainRequested,
  RunnerDrainRequestedData,
  RunnerId,
  RunnerLost,
  RunnerStopped,
  RunnerStopRequested,
  RunnerUndrained,
  Version,
  VersionPublished,
  VersionYanked,
} from '@rollcall/contracts';

// Test data builders ("controls") for pool events: defaults that read well, overrides for what a case is about.

export const NAMESPACE = 'acme';
export const POOL = 'web';
export const T0 = '2026-03-01T12:00:00.000Z';

/** `T0` plus `seconds`, canonical. */
export function at(seconds: number): string {
  return new Date(Date.parse(T0) + seconds * 1000).toISOString();
}

const ref = { namespace: NAMESPACE, pool: POOL } as const;

export function poolConfigured(config: Partial<PoolConfiguredData> = {}): PoolConfigured {
  return {
    type: 'PoolConfigured',
    data: {
      ...ref,
      drainOnVersionUpgrade: true,
      drainTimeoutSeconds: 300,
      autoUpgrade: false,
      maxVersionStep: 10,
      configuredBy: 'alice',
      ...config,
    },
  };
}

export function runnerConnected(
  runner: Pick<RunnerConnectedData, 'runnerId' | 'version'> & Partial<RunnerConnectedData>,
): RunnerConnected {
  return {
    type: 'RunnerConnected',
    data: { ...ref, serverId: 'server-1', slots: 2, labels: {}, connectedAt: T0, build: 'b1', ...runner },
  };
}

export function drainRequested(
  drain: Pick<RunnerDrainRequestedData, 'runnerId'> & Partial<RunnerDrainRequestedData>,
): RunnerDrainRequested {
  return {
    type: 'RunnerDrainRequested',
    data: {
      ...ref,
      reason: 'version_upgrade',
      supersededBy: 2,
      requestedAt: at(60),
      deadline: at(360),
      requestedBy: 'rollcall',
      ...drain,
    },
  };
}

export function undrained(runnerId: RunnerId, seconds = 90): RunnerUndrained {
  return { type: 'RunnerUndrained', data: { ...ref, runnerId, requestedBy: 'alice', at: at(seconds) } };
}

export function becameBusy(runnerId: RunnerId, activeSessions: number, seconds = 30): RunnerBecameBusy {
  return { type: 'RunnerBecameBusy', data: { ...ref, runnerId, activeSessions, at: at(seconds) } };
}

export function becameIdle(runnerId: RunnerId, seconds = 45): RunnerBecameIdle {
  return { type: 'RunnerBecameIdle', data: { ...ref, runnerId, at: at(seconds) } };
}

export function stopRequested(runnerId: RunnerId, seconds = 120): RunnerStopRequested {
  return {
    type: 'RunnerStopRequested',
    data: { ...ref, runnerId, forced: false, reason: 'drain_complete', requestedAt: at(seconds) },
  };
}

export function runnerStopped(runnerId: RunnerId, seconds = 130): RunnerStopped {
  return { type: 'RunnerStopped', data: { ...ref, runnerId, reason: 'bye', at: at(seconds) } };
}

export function runnerLost(runnerId: RunnerId, lastSeenSeconds: number, seconds = 200): RunnerLost {
  return {
    type: 'RunnerLost',
    data: { ...ref, runnerId, reason: 'missed_heartbeats', lastSeenAt: at(lastSeenSeconds), at: at(seconds) },
  };
}

export function versionPublished(
  version: Version,
  overrides: Partial<VersionPublished['data']> = {},
): VersionPublished {
  return {
    type: 'VersionPublished',
    data: {
      ...ref,
      version,
      build: `build-${version}`,
      artifact: `registry.example.com/acme/web:${version}`,
      publishedAt: T0,
      publishedBy: 'alice',
      ...overrides,
    },
  };
}

export function versionYanked(version: Version): VersionYanked {
  return { type: 'VersionYanked', data: { ...ref, version, reason: 'crashes on boot', at: at(10) } };
}
