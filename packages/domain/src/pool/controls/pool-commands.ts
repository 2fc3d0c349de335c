import type {
  BeginRollout,
  CommandMetadata,
  ConfigurePool,
  ConnectRunner,
  DisconnectRunner,
  DrainTarget,
  EndRollout,
  MarkLost,
  PublishVersion,
  RecordActivity,
  RequestDrain,
  RequestStop,
  Undrain,
  YankVersion,
} from '../decide';
import { NAMESPACE, NOW, OPERATOR, POOL } from './pool-clock';

// Test data builders ("controls") for pool commands, decided at NOW by the operator unless told otherwise.

const ref = { namespace: NAMESPACE, pool: POOL } as const;

export const metadata: CommandMetadata = { now: NOW, actor: OPERATOR };

export function configurePool(config: Partial<ConfigurePool['data']> = {}): ConfigurePool {
  return {
    type: 'ConfigurePool',
    data: {
      ...ref,
      drainOnVersionUpgrade: true,
      drainTimeoutSeconds: 300,
      autoUpgrade: false,
      maxVersionStep: 10,
      ...config,
    },
    metadata,
  };
}

export function connectRunner(
  runner: Pick<ConnectRunner['data'], 'runnerId' | 'version'> & Partial<ConnectRunner['data']>,
): ConnectRunner {
  return {
    type: 'ConnectRunner',
    data: { ...ref, serverId: 'server-1', slots: 1, labels: {}, ...runner },
    // A runner's own messages are attributed to the runner.
    metadata: { now: NOW, actor: runner.runnerId },
  };
}

export function recordActivity(runnerId: string, activeSessions: number): RecordActivity {
  return {
    type: 'RecordActivity',
    data: { ...ref, runnerId, activeSessions },
    metadata: { now: NOW, actor: runnerId },
  };
}

export function disconnectRunner(runnerId: string, reason?: string): DisconnectRunner {
  return {
    type: 'DisconnectRunner',
    data: { ...ref, runnerId, reason },
    metadata: { now: NOW, actor: runnerId },
  };
}

export function requestDrain(
  target: DrainTarget,
  drain: Partial<Omit<RequestDrain['data'], 'target'>> = {},
): RequestDrain {
  return { type: 'RequestDrain', data: { ...ref, target, reason: 'operator', ...drain }, metadata };
}

export function undrain(runnerId: string): Undrain {
  return { type: 'Undrain', data: { ...ref, runnerId }, metadata };
}

export function requestStop(
  stop: Pick<RequestStop['data'], 'runnerId'> & Partial<RequestStop['data']>,
): RequestStop {
  return {
    type: 'RequestStop',
    data: { ...ref, forced: false, reason: 'drain_complete', ...stop },
    metadata: { now: NOW, actor: 'drainer' },
  };
}

export function markLost(runnerId: string, lastSeenAt: string): MarkLost {
  return {
    type: 'MarkLost',
    data: { ...ref, runnerId, reason: 'missed_heartbeats', lastSeenAt },
    metadata: { now: NOW, actor: 'registry' },
  };
}

export function publishVersion(
  version: Pick<PublishVersion['data'], 'version'> & Partial<PublishVersion['data']>,
): PublishVersion {
  return {
    type: 'PublishVersion',
    data: {
      ...ref,
      build: `build-${version.version}`,
      artifact: `registry.example/web:${version.version}`,
      ...version,
    },
    metadata,
  };
}

export function yankVersion(version: number, reason = 'crashes on start'): YankVersion {
  return { type: 'YankVersion', data: { ...ref, version, reason }, metadata };
}

export function beginRollout(rolloutId: string, version: number): BeginRollout {
  return { type: 'BeginRollout', data: { ...ref, rolloutId, version }, metadata };
}

export function endRollout(
  rolloutId: string,
  outcome: EndRollout['data']['outcome'] = 'completed',
): EndRollout {
  return {
    type: 'EndRollout',
    data: { ...ref, rolloutId, outcome },
    metadata: { now: NOW, actor: 'upgrader' },
  };
}
