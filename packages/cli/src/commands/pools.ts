import { Namespace } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { PoolsReply } from '../http/api-replies';
import { getApiJson } from '../http/get-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { poolsTable } from '../output/pools-table';
import { writeJson, writeLine } from '../output/write-line';
import { poolConfigureCommand } from './pool-configure';

const PoolsOptions = ApiOptions.extend({ namespace: Namespace });

/**
 * `rollcall pools`: each pool's config, latest published version and versions in service (HTTP API);
 * `rollcall pools configure <pool>` changes one pool's config.
 */
export function poolsCommand(io: CliIo): Command {
  return new Command('pools')
    .description('list the pools of a namespace with their config and versions in service (HTTP API)')
    .option('--namespace <ns>', 'namespace')
    .addCommand(poolConfigureCommand(io))
    .action(async (_options: unknown, self: Command) => {
      const options = commandOptions(self, io, PoolsOptions);
      const reply = await getApiJson(
        apiTarget(options, io),
        `/v1/namespaces/${options.namespace}/pools`,
        {},
        PoolsReply,
      );
      if (options.json) return writeJson(io.stdout, reply);
      if (reply.pools.length === 0) return writeLine(io.stdout, `no pools in namespace ${options.namespace}`);
      await writeLine(io.stdout, poolsTable(reply.pools));
    });
}
