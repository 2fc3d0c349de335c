import { AutoUpgradeNamespaceView, AutoUpgradeSwitch, AutoUpgradeView, Namespace } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { requestApiJson } from '../http/request-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { writeJson, writeLine } from '../output/write-line';
import { autoUpgradeNamespaceLine } from './auto-upgrade-text';

const SwitchOptions = ApiOptions.extend({
  namespace: Namespace.optional(),
  reason: AutoUpgradeSwitch.shape.reason,
});

/**
 * `rollcall auto-upgrade on|off [--namespace ns] [--reason text]`: flips the global switch, or one
 * namespace's (HTTP API, operator token). Manual rollouts are never affected.
 */
export function autoUpgradeSwitchCommand(io: CliIo, enabled: boolean): Command {
  return new Command(enabled ? 'on' : 'off')
    .description(
      enabled
        ? 'let published versions roll out by themselves again, globally or in one namespace (HTTP API)'
        : 'stop published versions from rolling out by themselves, globally or in one namespace (HTTP API)',
    )
    .option('--namespace <ns>', 'switch only this namespace (default: the global switch)')
    .option('--reason <text>', 'why, recorded with the switch')
    .action(async (_options: unknown, self: Command) => {
      const { namespace, reason, ...options } = commandOptions(self, io, SwitchOptions);
      const target = apiTarget(options, io);
      const body = { enabled, reason };
      if (namespace !== undefined) {
        const view = await requestApiJson(
          target,
          { method: 'PUT', path: `/v1/namespaces/${namespace}/auto-upgrade`, body },
          AutoUpgradeNamespaceView,
        );
        return options.json
          ? writeJson(io.stdout, view)
          : writeLine(io.stdout, autoUpgradeNamespaceLine(view));
      }
      const view = await requestApiJson(
        target,
        { method: 'PUT', path: '/v1/auto-upgrade', body },
        AutoUpgradeView,
      );
      if (options.json) return writeJson(io.stdout, view);
      await writeLine(
        io.stdout,
        view.global
          ? "global: automatic rollouts on (each namespace's and pool's switch decides)"
          : 'global: automatic rollouts off everywhere',
      );
    });
}
