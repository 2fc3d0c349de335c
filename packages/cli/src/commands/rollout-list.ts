import { Namespace, PoolName, RolloutListReply } from '@rollcall/contracts';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliIo } from '../cli-io';
import { getApiJson } from '../http/get-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { intArg } from '../options/number-arg';
import { writeJson, writeLine } from '../output/write-line';
import { rolloutsTable } from './rollout-text';

const ListOptions = ApiOptions.extend({
  namespace: Namespace,
  pool: PoolName.optional(),
  active: z.boolean().default(false),
  limit: intArg(z.int().min(1).max(500, { error: 'must be from 1 to 500' })).optional(),
});

/** `rollcall rollout list`: a namespace's rollouts, newest first (HTTP API). */
export function rolloutListCommand(io: CliIo): Command {
  return new Command('list')
    .description("a namespace's rollouts, newest first (HTTP API)")
    .option('--namespace <ns>', 'namespace')
    .option('--pool <pool>', 'only this pool')
    .option('--active', 'only rollouts not yet finished')
    .option('--limit <n>', 'at most this many (default 50)')
    .action(async (_options: unknown, self: Command) => {
      const options = commandOptions(self, io, ListOptions);
      const reply = await getApiJson(
        apiTarget(options, io),
        `/v1/namespaces/${options.namespace}/rollouts`,
        {
          pool: options.pool,
          active: options.active ? 'true' : undefined,
          limit: options.limit === undefined ? undefined : String(options.limit),
        },
        RolloutListReply,
      );
      if (options.json) return writeJson(io.stdout, reply);
      if (reply.rollouts.length === 0) {
        return writeLine(
          io.stdout,
          `no ${options.active ? 'active ' : ''}rollouts in namespace ${options.namespace}`,
        );
      }
      await writeLine(io.stdout, rolloutsTable(reply.rollouts));
    });
}
