import type { ConfigurePool, ConnectRunner, PublishVersion, RecordActivity } from '@rollcall/domain';

// Test data builders ("controls") for the pool commands integration specs seed the log with, in a namespace
// and pool of their own (exported as @rollcall/pool-commands/testing).

export const NOW = new Date('2026-03-01T12:00:00.000Z');

export function configurePool(
  namespace: string,
  pool: string,
  config: Partial<ConfigurePool['data']> = {},
): ConfigurePool {
  return {
    type: 'ConfigurePool',
    data: {
      namespace,
      pool,
      drainOnVersionUpgrade: true,
      drainTimeoutSeconds: 300,
      autoUpgrade: false,
      maxVersionStep: 10,
      ...config,
    },
    metadata: { now: NOW, actor: 'alice' },
  };
}

/** Alice publishes `version` of the pool: build `b<version>`, artifact `registry.example/<pool>:<version>`. */
export function publishVersion(namespace: string, pool: string, version: number): PublishVersion {
  return {
    type: 'PublishVersion',
    data: { namespace, pool, version, build: `b${version}`, artifact: `registry.example/${pool}:${version}` },
    metadata: { now: NOW, actor: 'alice' },
  };
}

export function connectRunner(
  namespace: string,
  pool: string,
  runner: Pick<ConnectRunner['data'], 'runnerId' | 'version'> & Partial<ConnectRunner['data']>,
): ConnectRunner {
  return {
    type: 'ConnectRunner',
    data: { namespace, pool, serverId: 'server-1', slots: 1, labels: {}, build: 'b1', ...runner },
    metadata: { now: NOW, actor: runner.runnerId },
  };
}

export function recordActivity(
  namespace: string,
  pool: string,
  runnerId: string,
  activeSessions: number,
): RecordActivity {
  return {
    type: 'RecordActivity',
    data: { namespace, pool, runnerId, activeSessions },
    metadata: { now: NOW, actor: runnerId },
  };
}
