import { Namespace, PoolName, ServerId, WorkerStatus } from '@rollcall/contracts';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliIo } from '../cli-io';
import { WorkersReply } from '../http/api-replies';
import { getApiJson } from '../http/get-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { workersSummary, workersTable } from '../output/workers-table';
import { writeJson, writeLine } from '../output/write-line';

const WorkersOptions = ApiOptions.extend({
  namespace: Namespace,
  pool: PoolName.optional(),
  available: z.boolean().default(false),
  server: ServerId.optional(),
  status: WorkerStatus.optional(),
});

/** `rollcall workers`: the worker map of a namespace over the HTTP API, filtered like the API filters. */
export function workersCommand(io: CliIo): Command {
  return new Command('workers')
    .description('list the worker map of a namespace (HTTP API)')
    .option('--namespace <ns>', 'namespace')
    .option('--pool <pool>', 'only this pool')
    .option('--available', 'only runners that may take a session (active, no drain)')
    .option('--server <serverId>', 'only runners on this server')
    .option('--status <status>', `only this status: ${WorkerStatus.options.join(', ')}`)
    .action(async (_options: unknown, self: Command) => {
      const options = commandOptions(self, io, WorkersOptions);
      const reply = await getApiJson(
        apiTarget(options, io),
        `/v1/namespaces/${options.namespace}/workers`,
        {
          pool: options.pool,
          available: options.available ? 'true' : undefined,
          serverId: options.server,
          status: options.status,
        },
        WorkersReply,
      );
      if (options.json) return writeJson(io.stdout, reply);
      if (reply.workers.length === 0)
        return writeLine(io.stdout, `no workers in namespace ${options.namespace}`);
      await writeLine(io.stdout, workersTable(reply.workers));
      await writeLine(io.stdout, workersSummary(reply.workers));
    });
}
