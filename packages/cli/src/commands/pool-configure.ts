import { isDeepStrictEqual } from 'node:util';
import { PoolView } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { getApiJson } from '../http/get-api-json';
import { requestApiJson } from '../http/request-api-json';
import { apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { writeJson, writeLine } from '../output/write-line';
import { UsageError } from '../usage-error';
import { changesNothing, configWithChanges } from './pool-configure-changes';
import { changesOf, PoolConfigureOptions, withPoolConfigFlags } from './pool-configure-options';
import { poolConfigText } from './pool-configure-text';

/**
 * `rollcall pools configure <pool>`: changes the settings given as flags and keeps the others (HTTP API,
 * operator token). The API's PUT replaces the whole config, so the command first reads the current one from
 * the pool's stream (`GET …/config`, never behind the last write), puts the flags over it and sends the result.
 */
export function poolConfigureCommand(io: CliIo): Command {
  return withPoolConfigFlags(
    new Command('configure')
      .description(
        "change a pool's config (HTTP API): only the settings given as flags change, the others keep their current value",
      )
      .argument(
        '<pool>',
        'the pool to configure (a first config needs --[no-]drain-on-upgrade, --drain-timeout, --[no-]auto-upgrade)',
      )
      .option('--namespace <ns>', 'namespace'),
  ).action(async (pool: string, _options: unknown, self: Command) => {
    const options = commandOptions(self, io, PoolConfigureOptions, { pool }, { pool: '<pool>' });
    const changes = changesOf(options);
    if (changesNothing(changes)) throw new UsageError('give at least one setting to change (see --help)');
    const api = apiTarget(options, io);
    const configPath = `/v1/namespaces/${options.namespace}/pools/${options.pool}/config`;
    const { config: current } = await getApiJson(api, configPath, {}, PoolView);
    const config = configWithChanges(current, changes);
    const view = await requestApiJson(api, { method: 'PUT', path: configPath, body: config }, PoolView);
    if (options.json) return writeJson(io.stdout, view);
    const what = isDeepStrictEqual(current, config) ? 'unchanged' : 'configured';
    await writeLine(io.stdout, `pool ${view.pool} (namespace ${view.namespace}): ${what}\n`);
    if (view.config !== null) await writeLine(io.stdout, poolConfigText(view.config));
  });
}
