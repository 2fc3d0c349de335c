import {
  secondsAfterNow as at,
  EARLIER,
  NAMESPACE,
  OPERATOR,
  POOL,
  poolConfigured,
  runnerConnected,
  runnerStopped,
  versionPublished,
  versionYanked,
} from '@rollcall/domain/testing';
import { describe, it } from 'vitest';
import { ProjectionSpecification } from '../testing/projection-specification';
import { evolvePoolRow } from './evolve-pool-row';
import { type PoolRow, poolKey } from './pool-row';

const spec = ProjectionSpecification.for<PoolRow>({
  evolve: evolvePoolRow,
  keyOf: (event) => poolKey(event.data),
  rowKey: poolKey,
});

function pool(position: bigint, overrides: Partial<PoolRow> = {}): PoolRow {
  return {
    namespace: NAMESPACE,
    pool: POOL,
    config: null,
    latestVersion: null,
    catalog: [],
    updatedPosition: position,
    ...overrides,
  };
}

const config = {
  drainOnVersionUpgrade: true,
  drainTimeoutSeconds: 300,
  autoUpgrade: false,
  maxVersionStep: 10,
};

function entry(version: number, yanked = false) {
  return {
    version,
    build: `build-${version}`,
    artifact: `registry.example/web:${version}`,
    digest: null,
    publishedAt: EARLIER,
    publishedBy: OPERATOR,
    yanked,
  };
}

describe('pools', () => {
  describe('empty', () => {
    it('lists a pool at its first event, unconfigured', () => {
      spec([])
        .when([runnerConnected({ runnerId: 'w1', version: 1 }), runnerStopped('w1', 'bye', at(130))])
        .then([pool(1n)]);
    });

    it('lists pools of other namespaces apart', () => {
      const other = runnerConnected({ runnerId: 'w1', version: 1, namespace: 'globex' });
      spec([])
        .when([runnerConnected({ runnerId: 'w1', version: 1 }), other])
        .then([pool(1n), pool(2n, { namespace: 'globex' })]);
    });

    it('records the config, without who configured it', () => {
      spec([])
        .when([poolConfigured()])
        .then([pool(1n, { config })]);
    });

    it('records the rollout defaults and target settings with it', () => {
      const rollout = {
        rolloutDefaults: {
          strategy: { kind: 'all-at-once' as const },
          targetBy: { by: 'server' as const },
          healthyWindowSeconds: 10,
          failureThreshold: { kind: 'count' as const, count: 1 },
          autoRollback: true,
        },
        targets: { s1: { pinnedVersion: 3 } },
      };
      spec([])
        .when([poolConfigured(rollout)])
        .then([pool(1n, { config: { ...config, ...rollout } })]);
    });
  });

  describe('a configured pool', () => {
    const given = [poolConfigured()];

    it('takes the latest config', () => {
      spec(given)
        .when([poolConfigured({ drainOnVersionUpgrade: false, drainTimeoutSeconds: 60 })])
        .then([pool(2n, { config: { ...config, drainOnVersionUpgrade: false, drainTimeoutSeconds: 60 } })]);
    });

    it('keeps a catalog in version order, the highest published version latest', () => {
      spec(given)
        .when([versionPublished({ version: 44 }), versionPublished({ version: 43 })])
        .then([pool(3n, { config, catalog: [entry(43), entry(44)], latestVersion: 44 })]);
    });
  });

  describe('a pool with versions 43 and 44 published', () => {
    const given = [poolConfigured(), versionPublished({ version: 43 }), versionPublished({ version: 44 })];

    it('falls back to 43 as latest when 44 is yanked', () => {
      spec(given)
        .when([versionYanked(44)])
        .then([pool(4n, { config, catalog: [entry(43), entry(44, true)], latestVersion: 43 })]);
    });

    it('has no latest version when every version is yanked', () => {
      spec(given)
        .when([versionYanked(44), versionYanked(43)])
        .then([pool(5n, { config, catalog: [entry(43, true), entry(44, true)], latestVersion: null })]);
    });

    it('ignores a second publication of a version (published versions are immutable)', () => {
      spec(given)
        .when([versionPublished({ version: 44, ...{ build: 'other' } })])
        .then([pool(3n, { config, catalog: [entry(43), entry(44)], latestVersion: 44 })]);
    });
  });
});
