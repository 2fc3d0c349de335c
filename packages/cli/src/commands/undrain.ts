import { Namespace, RunnerId, UndrainReply } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { requestApiJson } from '../http/request-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { writeJson, writeLine } from '../output/write-line';

const UndrainOptions = ApiOptions.extend({ namespace: Namespace, runnerId: RunnerId });

/**
 * `rollcall undrain <runnerId>`: cancels a runner's drain before its stop (HTTP API, operator token); the
 * runner is told `undrain` and takes sessions again.
 */
export function undrainCommand(io: CliIo): Command {
  return new Command('undrain')
    .description("cancel a runner's drain before its stop: it takes sessions again (HTTP API)")
    .argument('<runnerId>', 'the runner')
    .option('--namespace <ns>', 'namespace')
    .action(async (runnerId: string, _options: unknown, self: Command) => {
      const options = commandOptions(self, io, UndrainOptions, { runnerId }, { runnerId: '<runnerId>' });
      const reply = await requestApiJson(
        apiTarget(options, io),
        { method: 'DELETE', path: `/v1/namespaces/${options.namespace}/drains/${options.runnerId}` },
        UndrainReply,
      );
      if (options.json) return writeJson(io.stdout, reply);
      await writeLine(
        io.stdout,
        reply.undrained
          ? `undrained ${reply.runnerId} (${reply.pool}): it is ${reply.status} again`
          : `${reply.runnerId} (${reply.pool}) had no drain to cancel; it is ${reply.status}`,
      );
    });
}
