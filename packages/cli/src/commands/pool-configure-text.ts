import type { FailureThreshold, PoolConfigView } from '@rollcall/contracts';
import { renderTable } from '../output/render-table';
import { describeStrategy } from './rollout-text';

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** `1 failed target`, `25% of targets`. */
function describeThreshold(threshold: FailureThreshold): string {
  if (threshold.kind === 'share') return `${Math.round(threshold.share * 1000) / 10}% of targets`;
  return `${threshold.count} failed target${threshold.count === 1 ? '' : 's'}`;
}

/** A pool's config as `rollcall pools configure` prints it: one setting a line, then the target settings. */
export function poolConfigText(config: PoolConfigView): string {
  const defaults = config.rolloutDefaults;
  const rollout: [string, string][] =
    defaults === undefined
      ? [['rollout defaults', 'none (give --strategy to set them)']]
      : [
          ['rollout strategy', describeStrategy(defaults.strategy)],
          ['targets by', defaults.targetBy.by === 'server' ? 'server' : `label ${defaults.targetBy.key}`],
          ['healthy window', `${defaults.healthyWindowSeconds} s`],
          ['failure threshold', describeThreshold(defaults.failureThreshold)],
          ['auto rollback', yesNo(defaults.autoRollback)],
        ];
  const settings = renderTable(
    ['SETTING', 'VALUE'],
    [
      ['drain on upgrade', yesNo(config.drainOnVersionUpgrade)],
      ['drain timeout', `${config.drainTimeoutSeconds} s`],
      ['auto upgrade', yesNo(config.autoUpgrade)],
      ['max version step', config.maxVersionStep],
      ...rollout,
    ],
  );
  const targets = Object.entries(config.targets ?? {});
  if (targets.length === 0) return settings;
  const targetTable = renderTable(
    ['TARGET', 'PINNED', 'EXTRA CONFIG'],
    targets.map(([targetId, { pinnedVersion, extraConfig }]) => [
      targetId,
      pinnedVersion === undefined ? null : `v${pinnedVersion}`,
      extraConfig === undefined ? null : JSON.stringify(extraConfig),
    ]),
  );
  return `${settings}\n\n${targetTable}`;
}
