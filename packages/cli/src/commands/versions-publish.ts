import {
  Artifact,
  Build,
  CatalogVersionView,
  Digest,
  Namespace,
  PoolName,
  Version,
} from '@rollcall/contracts';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliIo } from '../cli-io';
import { requestApiJson } from '../http/request-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { intArg } from '../options/number-arg';
import { writeJson, writeLine } from '../output/write-line';

const PublishOptions = ApiOptions.extend({
  namespace: Namespace,
  pool: PoolName,
  version: intArg(Version),
  build: Build,
  artifact: Artifact,
  digest: Digest.optional(),
  notes: z.string().max(4096).optional(),
});

/**
 * `rollcall versions publish`: adds a version to a pool's catalog (HTTP API, operator token). Publishing the
 * same entry again changes nothing; the same version with another artifact is refused.
 */
export function versionsPublishCommand(io: CliIo): Command {
  return new Command('publish')
    .description("publish a version to a pool's catalog (HTTP API)")
    .option('--namespace <ns>', 'namespace')
    .option('--pool <pool>', 'the pool')
    .option('--version <n>', 'version number, 1 to 2147483647 (higher is newer)')
    .option('--build <label>', 'free label, e.g. a git sha or "1.4.2"')
    .option('--artifact <ref>', 'where a launcher fetches the version from')
    .option('--digest <digest>', 'content digest "algorithm:hex" the artifact must match')
    .option('--notes <text>', 'release notes')
    .action(async (_options: unknown, self: Command) => {
      const { namespace, pool, version, build, artifact, digest, notes, ...options } = commandOptions(
        self,
        io,
        PublishOptions,
      );
      const entry = await requestApiJson(
        apiTarget(options, io),
        {
          method: 'POST',
          path: `/v1/namespaces/${namespace}/pools/${pool}/versions`,
          body: { version, build, artifact, digest, notes },
        },
        CatalogVersionView,
      );
      if (options.json) return writeJson(io.stdout, entry);
      await writeLine(
        io.stdout,
        `${pool} v${entry.version} (${entry.build}) is published: ${entry.artifact}, by ${entry.publishedBy} at ${entry.publishedAt}`,
      );
    });
}
