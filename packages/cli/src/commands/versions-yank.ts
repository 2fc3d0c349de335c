import { CatalogVersionView, Namespace, PoolName, Version, VersionYankedData } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { requestApiJson } from '../http/request-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { intArg } from '../options/number-arg';
import { writeJson, writeLine } from '../output/write-line';

const YankOptions = ApiOptions.extend({
  namespace: Namespace,
  pool: PoolName,
  version: intArg(Version),
  reason: VersionYankedData.shape.reason,
});

/** `rollcall versions yank`: marks a published version so it is never rolled out (HTTP API, operator token). */
export function versionsYankCommand(io: CliIo): Command {
  return new Command('yank')
    .description('mark a published version so it is never rolled out (HTTP API)')
    .option('--namespace <ns>', 'namespace')
    .option('--pool <pool>', 'the pool')
    .option('--version <n>', 'the published version')
    .option('--reason <text>', 'why it must not be rolled out')
    .action(async (_options: unknown, self: Command) => {
      const { namespace, pool, version, reason, ...options } = commandOptions(self, io, YankOptions);
      const entry = await requestApiJson(
        apiTarget(options, io),
        {
          method: 'POST',
          path: `/v1/namespaces/${namespace}/pools/${pool}/versions/${version}/yank`,
          body: { reason },
        },
        CatalogVersionView,
      );
      if (options.json) return writeJson(io.stdout, entry);
      await writeLine(
        io.stdout,
        `${pool} v${entry.version} (${entry.build}) is yanked: it is never rolled out`,
      );
    });
}
