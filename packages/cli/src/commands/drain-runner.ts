import { RunnerId } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { operatorDrainOptions, withOperatorDrainFlags } from '../drain/operator-drain-options';
import { runOperatorDrain } from '../drain/run-operator-drain';
import { commandOptions } from '../options/command-options';

const DrainRunnerOptions = operatorDrainOptions({ runnerId: RunnerId });

/** `rollcall drain runner <runnerId>`: an operator drain of one runner (HTTP API, operator token). */
export function drainRunnerCommand(io: CliIo): Command {
  return withOperatorDrainFlags(
    new Command('runner').description('drain one runner').argument('<runnerId>', 'the runner to drain'),
  ).action(async (runnerId: string, _options: unknown, self: Command) => {
    const { runnerId: id, ...options } = commandOptions(
      self,
      io,
      DrainRunnerOptions,
      { runnerId },
      { runnerId: '<runnerId>' },
    );
    await runOperatorDrain(io, options, { runnerId: id });
  });
}
