import { AutoUpgradeView, Namespace } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { getApiJson } from '../http/get-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { writeJson, writeLine } from '../output/write-line';
import { autoUpgradeLineFor, autoUpgradeLines } from './auto-upgrade-text';

const StatusOptions = ApiOptions.extend({ namespace: Namespace.optional() });

/** `rollcall auto-upgrade status [--namespace ns]`: the switches above the pools (HTTP API). */
export function autoUpgradeStatusCommand(io: CliIo): Command {
  return new Command('status')
    .description('show the auto-upgrade switches: global and per namespace (HTTP API)')
    .option('--namespace <ns>', 'only whether this namespace rolls out by itself, and why not')
    .action(async (_options: unknown, self: Command) => {
      const { namespace, ...options } = commandOptions(self, io, StatusOptions);
      const view = await getApiJson(apiTarget(options, io), '/v1/auto-upgrade', {}, AutoUpgradeView);
      if (options.json) return writeJson(io.stdout, view);
      const lines = namespace === undefined ? autoUpgradeLines(view) : [autoUpgradeLineFor(view, namespace)];
      for (const line of lines) await writeLine(io.stdout, line);
    });
}
