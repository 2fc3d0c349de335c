import type { AutoUpgradeSwitchedData, Namespace, SettingsEvent } from '@rollcall/contracts';
import type { CommandMetadata } from '../pool/decide';
import type { SettingsState } from './state';

/** Which switch: the global one, or one namespace's. */
export type AutoUpgradeScope = Readonly<{ scope: 'global' } | { scope: 'namespace'; namespace: Namespace }>;

/** An operator turns automatic rollouts on or off at one level above the pools. */
export type SwitchAutoUpgrade = Readonly<{
  type: 'SwitchAutoUpgrade';
  data: AutoUpgradeScope & Readonly<Pick<AutoUpgradeSwitchedData, 'enabled' | 'reason'>>;
  metadata: CommandMetadata;
}>;

export type SettingsCommand = SwitchAutoUpgrade;

/** The events to append for `command` (none when the switch is already where it is asked to be). */
export function decide(command: SettingsCommand, state: SettingsState): SettingsEvent[] {
  switch (command.type) {
    case 'SwitchAutoUpgrade':
      return switchAutoUpgrade(command, state);
    default:
      return unknownCommand(command.type);
  }
}

function unknownCommand(type: never): never {
  throw new TypeError(`unknown settings command: ${String(type)}`);
}

function switchAutoUpgrade({ data, metadata }: SwitchAutoUpgrade, state: SettingsState): SettingsEvent[] {
  // A namespace never switched is on, so switching it on records nothing, like any repeat.
  const current =
    data.scope === 'global'
      ? state.autoUpgrade.global
      : (state.autoUpgrade.namespaces[data.namespace] ?? true);
  if (current === data.enabled) return [];
  const switched = {
    enabled: data.enabled,
    ...(data.reason === undefined ? {} : { reason: data.reason }),
    by: metadata.actor,
    at: metadata.now.toISOString(),
  };
  return [
    {
      type: 'AutoUpgradeSwitched',
      data:
        data.scope === 'global'
          ? { scope: 'global', ...switched }
          : { scope: 'namespace', namespace: data.namespace, ...switched },
    },
  ];
}
