import { Namespace, PoolName } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { DrainsReply } from '../http/api-replies';
import { getApiJson } from '../http/get-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { drainsSummary, drainsTable } from '../output/drains-table';
import { writeJson, writeLine } from '../output/write-line';

const DrainsOptions = ApiOptions.extend({ namespace: Namespace, pool: PoolName.optional() });

/** `rollcall drains`: drains in progress and recently finished, with what each waits for (HTTP API). */
export function drainsCommand(io: CliIo): Command {
  return new Command('drains')
    .description('list drains in progress and recently finished, with what each waits for (HTTP API)')
    .option('--namespace <ns>', 'namespace')
    .option('--pool <pool>', 'only this pool')
    .action(async (_options: unknown, self: Command) => {
      const options = commandOptions(self, io, DrainsOptions);
      const reply = await getApiJson(
        apiTarget(options, io),
        `/v1/namespaces/${options.namespace}/drains`,
        { pool: options.pool },
        DrainsReply,
      );
      if (options.json) return writeJson(io.stdout, reply);
      if (reply.drains.length === 0)
        return writeLine(io.stdout, `no drains in namespace ${options.namespace}`);
      await writeLine(io.stdout, drainsTable(reply.drains));
      await writeLine(io.stdout, drainsSummary(reply.drains));
    });
}
