import { CatalogReply, Namespace, PoolName } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { getApiJson } from '../http/get-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { writeJson, writeLine } from '../output/write-line';
import { versionsTable } from './versions-table';

const ListOptions = ApiOptions.extend({ namespace: Namespace, pool: PoolName });

/** `rollcall versions list`: a pool's version catalog, yanked versions marked (HTTP API). */
export function versionsListCommand(io: CliIo): Command {
  return new Command('list')
    .description("list a pool's version catalog (HTTP API)")
    .option('--namespace <ns>', 'namespace')
    .option('--pool <pool>', 'the pool')
    .action(async (_options: unknown, self: Command) => {
      const { namespace, pool, ...options } = commandOptions(self, io, ListOptions);
      const reply = await getApiJson(
        apiTarget(options, io),
        `/v1/namespaces/${namespace}/pools/${pool}/versions`,
        {},
        CatalogReply,
      );
      if (options.json) return writeJson(io.stdout, reply);
      if (reply.versions.length === 0) return writeLine(io.stdout, `pool ${pool} has no published versions`);
      await writeLine(io.stdout, versionsTable(reply.versions));
    });
}
