import { Namespace, PoolName } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { WorkersReply } from '../http/api-replies';
import { getApiJson } from '../http/get-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { AtArg } from '../options/at-arg';
import { commandOptions } from '../options/command-options';
import { fleetSummary } from '../output/fleet-summary';
import { workersTable } from '../output/workers-table';
import { writeJson, writeLine } from '../output/write-line';

const FleetOptions = ApiOptions.extend({
  namespace: Namespace,
  at: AtArg.optional(),
  pool: PoolName.optional(),
});

/**
 * `rollcall fleet --at <position|time>`: the fleet of a namespace as it was at a past log position (time
 * travel through the HTTP API, which folds the log up to there), or now without `--at`.
 */
export function fleetCommand(io: CliIo): Command {
  return new Command('fleet')
    .description('show the fleet of a namespace now, or as of a past log position or time (HTTP API)')
    .option('--namespace <ns>', 'namespace')
    .option(
      '--at <position|time>',
      'a log position, or an ISO-8601 time (the last position recorded by then)',
    )
    .option('--pool <pool>', 'only this pool')
    .action(async (_options: unknown, self: Command) => {
      const options = commandOptions(self, io, FleetOptions);
      const at =
        options.at === undefined
          ? undefined
          : options.at.kind === 'position'
            ? options.at.position.toString()
            : options.at.time;
      const reply = await getApiJson(
        apiTarget(options, io),
        `/v1/namespaces/${options.namespace}/workers`,
        { at, pool: options.pool },
        WorkersReply,
      );
      if (options.json) return writeJson(io.stdout, reply);
      const when = reply.at === undefined ? 'now' : `as of log position ${reply.at}`;
      await writeLine(io.stdout, `fleet of namespace ${options.namespace} ${when}`);
      const summary = fleetSummary(reply.workers);
      if (summary.length === 0) return writeLine(io.stdout, 'no runners in service');
      for (const line of summary) await writeLine(io.stdout, `  ${line}`);
      await writeLine(io.stdout);
      await writeLine(io.stdout, workersTable(reply.workers));
    });
}
