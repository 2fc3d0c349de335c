import { PoolName, Version } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { operatorDrainOptions, withOperatorDrainFlags } from '../drain/operator-drain-options';
import { runOperatorDrain } from '../drain/run-operator-drain';
import { commandOptions } from '../options/command-options';
import { intArg } from '../options/number-arg';

const DrainPoolVersionOptions = operatorDrainOptions({
  pool: PoolName,
  version: intArg(Version),
});

/** `rollcall drain pool-version <pool> <version>`: drains every runner of one version of a pool. */
export function drainPoolVersionCommand(io: CliIo): Command {
  return withOperatorDrainFlags(
    new Command('pool-version')
      .description('drain every runner of one version of a pool')
      .argument('<pool>', 'the pool')
      .argument('<version>', 'the version whose runners to drain'),
  ).action(async (pool: string, version: string, _options: unknown, self: Command) => {
    const {
      pool: name,
      version: number,
      ...options
    } = commandOptions(
      self,
      io,
      DrainPoolVersionOptions,
      { pool, version },
      { pool: '<pool>', version: '<version>' },
    );
    await runOperatorDrain(io, options, { pool: name, version: number });
  });
}
