import type { PoolConfigView } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../options/parse-options';
import { UsageError } from '../usage-error';
import { changesNothing, configWithChanges, type PoolConfigChanges } from './pool-configure-changes';
import { changesOf, PoolConfigureOptions } from './pool-configure-options';
import { poolConfigText } from './pool-configure-text';

/** The changes a command line asks for, parsed as the command parses them. */
function changes(flags: Record<string, unknown>): PoolConfigChanges {
  return changesOf(
    parseOptions(PoolConfigureOptions, {
      api: 'http://127.0.0.1:8080',
      json: false,
      namespace: 'acme',
      pool: 'web',
      ...flags,
    }),
  );
}

const configured: PoolConfigView = {
  drainOnVersionUpgrade: true,
  drainTimeoutSeconds: 300,
  autoUpgrade: false,
  maxVersionStep: 5,
  rolloutDefaults: {
    strategy: { kind: 'rolling', batchSize: 2, maxUnavailable: 1 },
    targetBy: { by: 'label', key: 'workspace' },
    healthyWindowSeconds: 30,
    failureThreshold: { kind: 'share', share: 0.25 },
    autoRollback: false,
  },
  targets: { s1: { pinnedVersion: 3 }, s2: { extraConfig: { region: 'eu' } } },
};

describe('an unconfigured pool', () => {
  it('needs the three required settings, naming the ones missing', () => {
    expect(() => configWithChanges(null, changes({ autoUpgrade: true }))).toThrow(
      new UsageError(
        '--drain-on-upgrade or --no-drain-on-upgrade, --drain-timeout: the pool is not configured yet, so give them too',
      ),
    );
  });

  it("gets the contract's defaults for the settings left out", () => {
    const first = { drainOnUpgrade: false, drainTimeout: '60', autoUpgrade: true };
    expect(configWithChanges(null, changes(first))).toEqual({
      drainOnVersionUpgrade: false,
      drainTimeoutSeconds: 60,
      autoUpgrade: true,
      maxVersionStep: 10,
    });
    expect(configWithChanges(null, changes({ ...first, strategy: 'all-at-once' })).rolloutDefaults).toEqual({
      strategy: { kind: 'all-at-once' },
      targetBy: { by: 'server' },
      healthyWindowSeconds: 10,
      failureThreshold: { kind: 'count', count: 1 },
      autoRollback: true,
    });
  });

  it('refuses rollout settings without --strategy, as there are no rollout defaults to change', () => {
    const flags = {
      drainOnUpgrade: true,
      drainTimeout: '60',
      autoUpgrade: false,
      healthyWindow: '5',
      autoRollback: false,
    };
    expect(() => configWithChanges(null, changes(flags))).toThrow(
      new UsageError(
        '--healthy-window, --auto-rollback or --no-auto-rollback: the pool has no rollout defaults yet, so give --strategy too',
      ),
    );
  });
});

describe('a configured pool', () => {
  it('changes only the settings given', () => {
    expect(configWithChanges(configured, changes({ drainTimeout: '120', targetServers: true }))).toEqual({
      ...configured,
      drainTimeoutSeconds: 120,
      rolloutDefaults: { ...configured.rolloutDefaults, targetBy: { by: 'server' } },
    });
  });

  it('replaces the strategy as a whole, with the flags rollout start takes', () => {
    const next = configWithChanges(
      configured,
      changes({ strategy: 'canary', canaryShare: '0.1', gate: 'approval', failureThreshold: '2' }),
    );
    expect(next.rolloutDefaults).toEqual({
      ...configured.rolloutDefaults,
      strategy: { kind: 'canary', canaryShare: 0.1, gate: 'approval' },
      failureThreshold: { kind: 'count', count: 2 },
    });
  });

  it('pins, unpins and replaces extra config per target, dropping targets left with no setting', () => {
    const next = configWithChanges(
      configured,
      changes({ pin: ['s1=none', 's3=7'], targetConfig: ['s2=null', 's3={"a":[1]}'] }),
    );
    expect(next.targets).toEqual({ s3: { pinnedVersion: 7, extraConfig: { a: [1] } } });
    const cleared = configWithChanges(configured, changes({ pin: ['s1=none'], targetConfig: ['s2=null'] }));
    expect(cleared).not.toHaveProperty('targets');
  });
});

describe('the command line', () => {
  it('counts a command line without a setting as changing nothing', () => {
    expect(changesNothing(changes({}))).toBe(true);
    expect(changesNothing(changes({ autoRollback: false }))).toBe(false);
    expect(changesNothing(changes({ pin: ['s1=2'] }))).toBe(false);
  });

  it.each([
    [{ failureThreshold: '0' }, '--failure-threshold: must be a count of failed targets'],
    [{ failureThreshold: '101%' }, '--failure-threshold: must be a count'],
    [{ failureThreshold: '1.5' }, '--failure-threshold: must be a count'],
    [{ pin: ['s1'] }, '--pin: must be <target>=<version|none>, e.g. s1=3'],
    [{ pin: ['=3'] }, '--pin: must be <target>=<version|none>'],
    [{ pin: ['s1=v2'] }, '--pin: s1: the version must be a whole number (or none to unpin)'],
    [{ targetConfig: ['s1=[1]'] }, '--target-config: s1: must be a JSON object, or null'],
    [{ targetConfig: ['s1={'] }, '--target-config: s1: not JSON: {'],
    [{ drainTimeout: '0' }, '--drain-timeout: must be at least 1 second'],
    [{ maxVersionStep: 'x' }, '--max-version-step: must be a whole number'],
    [{ targetLabel: 'a b' }, '--target-label: label keys are'],
    [{ targetLabel: 'zone', targetServers: true }, '--target-label, --target-servers: give one of them'],
    [{ batchSize: '2' }, '--batch-size: give --strategy too'],
  ])('refuses %j with one line naming the flag', (flags, message) => {
    expect(() => changes(flags)).toThrow(UsageError);
    expect(() => changes(flags)).toThrow(message);
  });

  it('reads a share threshold as a percentage', () => {
    expect(changes({ failureThreshold: '12.5%' }).failureThreshold).toEqual({ kind: 'share', share: 0.125 });
    expect(changes({ failureThreshold: '100%' }).failureThreshold).toEqual({ kind: 'share', share: 1 });
  });
});

describe('poolConfigText', () => {
  it('prints one setting a line, then the target settings', () => {
    expect(poolConfigText(configured)).toBe(
      [
        'SETTING            VALUE',
        'drain on upgrade   yes',
        'drain timeout      300 s',
        'auto upgrade       no',
        'max version step   5',
        'rollout strategy   rolling (batch 2, max unavailable 1)',
        'targets by         label workspace',
        'healthy window     30 s',
        'failure threshold  25% of targets',
        'auto rollback      no',
        '',
        'TARGET  PINNED  EXTRA CONFIG',
        's1      v3      -',
        's2      -       {"region":"eu"}',
      ].join('\n'),
    );
  });

  it('says when there are no rollout defaults', () => {
    const { rolloutDefaults: _, targets: __, ...bare } = configured;
    expect(poolConfigText(bare)).toContain('rollout defaults  none (give --strategy to set them)');
  });
});
