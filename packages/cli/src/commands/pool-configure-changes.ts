import { PoolConfigView, type RolloutDefaults, type TargetSettings } from '@rollcall/contracts';
import { UsageError } from '../usage-error';
import type { PinArg, TargetConfigArg } from './pool-configure-args';

type Settings = Pick<
  PoolConfigView,
  'drainOnVersionUpgrade' | 'drainTimeoutSeconds' | 'autoUpgrade' | 'maxVersionStep'
>;

/** What the command line asks to change; a setting left out keeps its current value. */
export type PoolConfigChanges = Partial<Settings> &
  Partial<RolloutDefaults> & {
    pins: readonly PinArg[];
    targetConfigs: readonly TargetConfigArg[];
  };

/** The flag that sets each setting, named when a setting is missing. */
const FLAGS = {
  drainOnVersionUpgrade: '--drain-on-upgrade or --no-drain-on-upgrade',
  drainTimeoutSeconds: '--drain-timeout',
  autoUpgrade: '--auto-upgrade or --no-auto-upgrade',
} as const;

const ROLLOUT_FLAGS = {
  targetBy: '--target-label or --target-servers',
  healthyWindowSeconds: '--healthy-window',
  failureThreshold: '--failure-threshold',
  autoRollback: '--auto-rollback or --no-auto-rollback',
} as const;

/** True when the command line changes nothing at all. */
export function changesNothing(changes: PoolConfigChanges): boolean {
  const { pins, targetConfigs, ...settings } = changes;
  return (
    pins.length === 0 && targetConfigs.length === 0 && Object.values(settings).every((v) => v === undefined)
  );
}

/**
 * The whole config to PUT: the current one with the changes over it. A pool without a config needs the three
 * required settings, and a pool without rollout defaults needs `--strategy` before any other rollout setting.
 */
export function configWithChanges(
  current: PoolConfigView | null,
  changes: PoolConfigChanges,
): PoolConfigView {
  const { drainOnVersionUpgrade, drainTimeoutSeconds, autoUpgrade, maxVersionStep } = changes;
  const base = current ?? requiredSettings(changes);
  const rolloutDefaults = rolloutDefaultsWithChanges(current?.rolloutDefaults, changes);
  const targets = targetsWithChanges(current?.targets ?? {}, changes);
  // Settings still unset (a first config, first rollout defaults) get the contract's defaults here. Absent
  // settings stay absent (not undefined), so an unchanged config compares equal to the current one.
  return PoolConfigView.parse({
    drainOnVersionUpgrade: drainOnVersionUpgrade ?? base.drainOnVersionUpgrade,
    drainTimeoutSeconds: drainTimeoutSeconds ?? base.drainTimeoutSeconds,
    autoUpgrade: autoUpgrade ?? base.autoUpgrade,
    maxVersionStep: maxVersionStep ?? current?.maxVersionStep,
    ...(rolloutDefaults === undefined ? {} : { rolloutDefaults }),
    ...(targets === undefined ? {} : { targets }),
  });
}

function requiredSettings(changes: PoolConfigChanges): Omit<Settings, 'maxVersionStep'> {
  const { drainOnVersionUpgrade, drainTimeoutSeconds, autoUpgrade } = changes;
  if (drainOnVersionUpgrade !== undefined && drainTimeoutSeconds !== undefined && autoUpgrade !== undefined)
    return { drainOnVersionUpgrade, drainTimeoutSeconds, autoUpgrade };
  const missing = (Object.keys(FLAGS) as (keyof typeof FLAGS)[]).filter((key) => changes[key] === undefined);
  throw new UsageError(
    `${missing.map((key) => FLAGS[key]).join(', ')}: the pool is not configured yet, so give ${missing.length === 1 ? 'it' : 'them'} too`,
  );
}

function rolloutDefaultsWithChanges(
  current: RolloutDefaults | undefined,
  { strategy, targetBy, healthyWindowSeconds, failureThreshold, autoRollback }: PoolConfigChanges,
): Partial<RolloutDefaults> | undefined {
  const given = { targetBy, healthyWindowSeconds, failureThreshold, autoRollback };
  const nextStrategy = strategy ?? current?.strategy;
  if (nextStrategy === undefined) {
    const orphans = (Object.keys(ROLLOUT_FLAGS) as (keyof typeof ROLLOUT_FLAGS)[]).filter(
      (key) => given[key] !== undefined,
    );
    if (orphans.length > 0)
      throw new UsageError(
        `${orphans.map((key) => ROLLOUT_FLAGS[key]).join(', ')}: the pool has no rollout defaults yet, so give --strategy too`,
      );
    return undefined;
  }
  return {
    strategy: nextStrategy,
    targetBy: targetBy ?? current?.targetBy,
    healthyWindowSeconds: healthyWindowSeconds ?? current?.healthyWindowSeconds,
    failureThreshold: failureThreshold ?? current?.failureThreshold,
    autoRollback: autoRollback ?? current?.autoRollback,
  };
}

function targetsWithChanges(
  current: Readonly<Record<string, TargetSettings>>,
  { pins, targetConfigs }: PoolConfigChanges,
): Record<string, TargetSettings> | undefined {
  const targets = new Map(Object.entries(current).map(([targetId, settings]) => [targetId, { ...settings }]));
  const settingsOf = (targetId: string): TargetSettings => {
    const settings = targets.get(targetId) ?? {};
    targets.set(targetId, settings);
    return settings;
  };
  for (const { targetId, pinnedVersion } of pins) {
    const settings = settingsOf(targetId);
    if (pinnedVersion === null) delete settings.pinnedVersion;
    else settings.pinnedVersion = pinnedVersion;
  }
  for (const { targetId, extraConfig } of targetConfigs) {
    const settings = settingsOf(targetId);
    if (extraConfig === null) delete settings.extraConfig;
    else settings.extraConfig = extraConfig;
  }
  // A target left with no setting is dropped, so an unpin leaves no empty entry behind.
  const kept = [...targets].filter(([, settings]) => Object.keys(settings).length > 0);
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}
