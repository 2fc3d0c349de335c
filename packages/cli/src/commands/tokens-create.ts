import { AccessRole, CreatedAccessToken, Namespace, TokenName } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { requestApiJson } from '../http/request-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { writeJson, writeLine } from '../output/write-line';

const CreateOptions = ApiOptions.extend({
  role: AccessRole,
  namespace: Namespace.optional(),
  name: TokenName,
});

/**
 * `rollcall tokens create --role operator [--namespace acme] --name ci`: a new access token; its secret is
 * printed this once (the log keeps only its hash), on a line of its own for scripts.
 */
export function tokensCreateCommand(io: CliIo): Command {
  return new Command('create')
    .description('create an access token and print its secret, once (HTTP API, admin token)')
    .option('--role <role>', 'viewer (reads), operator (reads and writes) or admin (also tokens)')
    .option('--namespace <ns>', 'the one namespace the token acts in (default: every namespace)')
    .option('--name <name>', 'who or what uses it; its requests act as token:<name>')
    .action(async (_options: unknown, self: Command) => {
      const { role, namespace, name, ...options } = commandOptions(self, io, CreateOptions);
      const created = await requestApiJson(
        apiTarget(options, io),
        {
          method: 'POST',
          path: '/v1/tokens',
          body: { role, name, ...(namespace === undefined ? {} : { namespace }) },
        },
        CreatedAccessToken,
      );
      if (options.json) return writeJson(io.stdout, created);
      const scope = created.namespace === null ? 'every namespace' : `namespace ${created.namespace}`;
      await writeLine(
        io.stderr,
        `created token ${created.name} (id ${created.tokenId}): ${created.role} in ${scope}; its secret is shown this once:`,
      );
      await writeLine(io.stdout, created.token);
    });
}
