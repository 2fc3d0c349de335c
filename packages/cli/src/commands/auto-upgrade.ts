import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { autoUpgradeStatusCommand } from './auto-upgrade-status';
import { autoUpgradeSwitchCommand } from './auto-upgrade-switch';

/** `rollcall auto-upgrade status|on|off`: the switches that let published versions roll out by themselves. */
export function autoUpgradeCommand(io: CliIo): Command {
  return new Command('auto-upgrade')
    .description(
      "automatic rollouts of published versions: status, on, off, globally or per namespace (a pool's own switch is autoUpgrade in its config) (HTTP API)",
    )
    .addCommand(autoUpgradeStatusCommand(io))
    .addCommand(autoUpgradeSwitchCommand(io, true))
    .addCommand(autoUpgradeSwitchCommand(io, false));
}
