import type {
  PoolConfigured,
  PoolConfiguredData,
  RolloutBegan,
  RolloutEnded,
  RolloutOutcome,
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
  RunnerStopRequestedData,
  RunnerUndrained,
  Version,
  VersionClaimRefused,
  VersionClaimRefusedData,
  VersionPublished,
  VersionPublishedData,
  VersionYanked,
} from '@rollcall/contracts';
import { EARLIER, NAMESPACE, NOW, OPERATOR, POOL, secondsAfterNow } from './pool-clock';

// Test data builders ("controls") for pool events: defaults that read well, overrides for what a case is about.
// Events happen at NOW unless told otherwise; `secondsAfterNow` writes a timeline.

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
      configuredBy: OPERATOR,
      ...config,
    },
  };
}

type RunnerConnectedControl = Pick<RunnerConnectedData, 'runnerId' | 'version'> &
  Partial<RunnerConnectedData>;

export function runnerConnected(runner: RunnerConnectedControl): RunnerConnected {
  return {
    type: 'RunnerConnected',
    data: { ...ref, serverId: 'server-1', slots: 1, labels: {}, connectedAt: EARLIER, ...runner },
  };
}

/** The drain a connect of `supersededBy` at NOW decides, with the controls' 300 s drain timeout. */
export function supersededAtNow(runnerId: RunnerId, supersededBy: Version): RunnerDrainRequested {
  return drainRequested({
    runnerId,
    reason: 'version_upgrade',
    supersededBy,
    requestedAt: NOW.toISOString(),
    deadline: secondsAfterNow(300),
    requestedBy: 'rollcall',
  });
}

export function drainRequested(
  drain: Pick<RunnerDrainRequestedData, 'runnerId'> & Partial<RunnerDrainRequestedData>,
): RunnerDrainRequested {
  return {
    type: 'RunnerDrainRequested',
    data: {
      ...ref,
      reason: 'version_upgrade',
      requestedAt: EARLIER,
      deadline: secondsAfterNow(60),
      requestedBy: 'rollcall',
      ...drain,
    },
  };
}

export function runnerUndrained(runnerId: RunnerId, at = NOW.toISOString()): RunnerUndrained {
  return { type: 'RunnerUndrained', data: { ...ref, runnerId, requestedBy: OPERATOR, at } };
}

export function runnerBecameBusy(
  runnerId: RunnerId,
  activeSessions: number,
  at = NOW.toISOString(),
): RunnerBecameBusy {
  return { type: 'RunnerBecameBusy', data: { ...ref, runnerId, activeSessions, at } };
}

export function runnerBecameIdle(runnerId: RunnerId, at = NOW.toISOString()): RunnerBecameIdle {
  return { type: 'RunnerBecameIdle', data: { ...ref, runnerId, at } };
}

export function stopRequested(
  stop: Pick<RunnerStopRequestedData, 'runnerId'> & Partial<RunnerStopRequestedData>,
): RunnerStopRequested {
  return {
    type: 'RunnerStopRequested',
    data: { ...ref, forced: false, reason: 'drain_complete', requestedAt: NOW.toISOString(), ...stop },
  };
}

export function runnerStopped(runnerId: RunnerId, reason?: string, at = NOW.toISOString()): RunnerStopped {
  return { type: 'RunnerStopped', data: { ...ref, runnerId, reason, at } };
}

export function runnerLost(runnerId: RunnerId, lastSeenAt = EARLIER, at = NOW.toISOString()): RunnerLost {
  return { type: 'RunnerLost', data: { ...ref, runnerId, reason: 'missed_heartbeats', lastSeenAt, at } };
}

export function versionClaimRefused(
  refusal: Pick<VersionClaimRefusedData, 'runnerId' | 'version' | 'highestKnownVersion' | 'reason'>,
): VersionClaimRefused {
  return { type: 'VersionClaimRefused', data: { ...ref, at: NOW.toISOString(), ...refusal } };
}

export function versionPublished(
  published: Pick<VersionPublishedData, 'version'> & Partial<VersionPublishedData>,
): VersionPublished {
  return {
    type: 'VersionPublished',
    data: {
      ...ref,
      build: `build-${published.version}`,
      artifact: `registry.example/web:${published.version}`,
      publishedAt: EARLIER,
      publishedBy: OPERATOR,
      ...published,
    },
  };
}

export function versionYanked(
  version: Version,
  reason = 'crashes on start',
  at = NOW.toISOString(),
): VersionYanked {
  return { type: 'VersionYanked', data: { ...ref, version, reason, at } };
}

/** The rollout guard taken at NOW for a version of the controls' catalog (`versionPublished` defaults). */
export function rolloutBegan(rolloutId: string, version: Version): RolloutBegan {
  return {
    type: 'RolloutBegan',
    data: {
      ...ref,
      rolloutId,
      version,
      build: `build-${version}`,
      artifact: `registry.example/web:${version}`,
      by: OPERATOR,
      at: NOW.toISOString(),
    },
  };
}

export function rolloutEnded(rolloutId: string, outcome: RolloutOutcome = 'completed'): RolloutEnded {
  return { type: 'RolloutEnded', data: { ...ref, rolloutId, outcome, at: NOW.toISOString() } };
}
