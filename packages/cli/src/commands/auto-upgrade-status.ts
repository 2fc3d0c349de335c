import { AutoUpgradeNamespaceView, AutoUpgradeView, Namespace } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { getApiJson } from '../http/get-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { writeJson, writeLine } from '../output/write-line';
import { autoUpgradeLines, autoUpgradeNamespaceLine } from './auto-upgrade-text';

const StatusOptions = ApiOptions.extend({ namespace: Namespace.optional() });

/** `rollcall auto-upgrade status [--namespace ns]`: the switches above the pools (HTTP API). */
export function autoUpgradeStatusCommand(io: CliIo): Command {
  return new Command('status')
    .description('show the auto-upgrade switches: global and per namespace (HTTP API)')
    .option('--namespace <ns>', 'only whether this namespace rolls out by itself, and why not')
    .action(async (_options: unknown, self: Command) => {
      const { namespace, ...options } = commandOptions(self, io, StatusOptions);
      const target = apiTarget(options, io);
      if (namespace !== undefined) {
        // The namespace's own route: a token scoped to it may read that one, not every namespace's.
        const view = await getApiJson(
          target,
          `/v1/namespaces/${namespace}/auto-upgrade`,
          {},
          AutoUpgradeNamespaceView,
        );
        return options.json
          ? writeJson(io.stdout, view)
          : writeLine(io.stdout, autoUpgradeNamespaceLine(view));
      }
      const view = await getApiJson(target, '/v1/auto-upgrade', {}, AutoUpgradeView);
      if (options.json) return writeJson(io.stdout, view);
      for (const line of autoUpgradeLines(view)) await writeLine(io.stdout, line);
    });
}
