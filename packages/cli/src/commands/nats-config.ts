import { readFile, writeFile } from 'node:fs/promises';
import { Namespace, ServerId } from '@rollcall/contracts';
import { generateNatsConfig, NatsPermissionsInput, readPasswordHashes } from '@rollcall/nats-permissions';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliIo } from '../cli-io';
import { commandOptions } from '../options/command-options';
import { JsonFlag, NatsUrl, PrefixOption } from '../options/global-options';
import { intArg } from '../options/number-arg';
import { renderTable } from '../output/render-table';
import { writeJson, writeLine } from '../output/write-line';
import { natsUrlWithCredentials } from './nats-config-urls';

/** `--launcher <ns>/<serverId>`: the launcher of one server, serving one namespace. */
const LauncherRef = z
  .string()
  .transform((text) => text.split('/'))
  .pipe(z.tuple([Namespace, ServerId], { error: 'must be <namespace>/<serverId>, e.g. acme/server-1' }))
  .transform(([namespace, serverId]) => ({ namespace, serverId }));

function unique(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}

const NatsConfigOptions = z
  .object({
    namespace: z.array(Namespace).default([]).refine(unique, { error: 'names a namespace twice' }),
    launcher: z
      .array(LauncherRef)
      .default([])
      .refine((refs) => unique(refs.map((ref) => `${ref.namespace}/${ref.serverId}`)), {
        error: 'names a launcher twice',
      }),
    account: NatsPermissionsInput.shape.account,
    out: z.string().min(1, { error: 'must be a file path' }).optional(),
    keep: z.string().min(1, { error: 'must be a file path' }).optional(),
    bcryptCost: intArg(z.int().min(4).max(16)).optional(),
    json: JsonFlag,
    natsUrl: NatsUrl,
    prefix: PrefixOption,
  })
  .refine((options) => options.namespace.length + options.launcher.length > 0, {
    error: 'give at least one --namespace (or --launcher)',
    path: ['namespace'],
  });
type NatsConfigOptions = z.output<typeof NatsConfigOptions>;

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The generator's input: every namespace named, each with the servers whose launcher serves it. */
function namespacesOf(options: NatsConfigOptions) {
  const names = [...new Set([...options.namespace, ...options.launcher.map((ref) => ref.namespace)])];
  return names.map((namespace) => ({
    namespace,
    launcherServers: options.launcher.filter((ref) => ref.namespace === namespace).map((ref) => ref.serverId),
  }));
}

/**
 * `rollcall nats-config`: nats-server users for a Rollcall deployment (runners per namespace, launchers per
 * server, the services), each allowed exactly its subjects. The config (bcrypt hashes only) goes to `--out`
 * or stdout; the passwords, shown this once as ready NATS URLs, go to stdout with `--out`, else to stderr, so
 * `rollcall nats-config ... > users.conf` keeps them out of the file. With `--keep <old config>` the users it
 * already had keep their passwords, so adding a namespace or a server rotates nobody.
 */
export function natsConfigCommand(io: CliIo): Command {
  return new Command('nats-config')
    .description('generate nats-server users and permissions: runners per namespace, launchers, services')
    .option('--namespace <ns>', 'a namespace whose runners get a credential (repeat for more)', collect)
    .option('--launcher <ns/serverId>', "a server's launcher, e.g. acme/server-1 (repeat for more)", collect)
    .option('--account <name>', 'the NATS account holding the users (default ROLLCALL)')
    .option('--out <file>', 'write the config to this file instead of stdout')
    .option(
      '--keep <file>',
      'a config written before: its users keep their passwords (only new users get one)',
    )
    .option('--bcrypt-cost <n>', 'bcrypt cost of the password hashes, 4 to 16 (default 11)')
    .action(async (_options: unknown, self: Command) => {
      const options = commandOptions(self, io, NatsConfigOptions);
      const keep =
        options.keep === undefined ? {} : { keep: readPasswordHashes(await readFile(options.keep, 'utf8')) };
      const generated = await generateNatsConfig(
        { prefix: options.prefix, account: options.account, namespaces: namespacesOf(options) },
        { ...keep, ...(options.bcryptCost === undefined ? {} : { bcryptCost: options.bcryptCost }) },
      );
      if (options.out !== undefined) await writeFile(options.out, generated.config);
      const credentials = generated.credentials.map(({ user, role, namespace, serverId, password }) => ({
        user,
        role,
        namespace,
        serverId,
        password,
        natsUrl: password === null ? null : natsUrlWithCredentials(options.natsUrl, user, password),
      }));
      if (options.json) {
        return writeJson(io.stdout, {
          ...(options.out === undefined ? {} : { out: options.out }),
          config: generated.config,
          credentials,
        });
      }
      if (options.out === undefined) io.stdout.write(generated.config);
      const stream = options.out === undefined ? io.stderr : io.stdout;
      if (options.out !== undefined) {
        await writeLine(
          stream,
          `wrote ${credentials.length} NATS users to ${options.out}: include it from nats-server.conf and reload the server`,
        );
      }
      await writeLine(
        stream,
        'credentials, shown once (the config keeps only bcrypt hashes; "kept": the password it had still works):',
      );
      await writeLine(
        stream,
        renderTable(
          ['USER', 'ROLE', 'NAMESPACE', 'SERVER', 'NATS_URL'],
          credentials.map((entry) => [
            entry.user,
            entry.role,
            entry.namespace,
            entry.serverId,
            entry.natsUrl ?? 'kept',
          ]),
        ),
      );
    });
}
