import { ServerId } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { operatorDrainOptions, withOperatorDrainFlags } from '../drain/operator-drain-options';
import { runOperatorDrain } from '../drain/run-operator-drain';
import { commandOptions } from '../options/command-options';

const DrainServerOptions = operatorDrainOptions({ serverId: ServerId });

/** `rollcall drain server <serverId>`: drains every runner on a server, in every pool (HTTP API, operator token). */
export function drainServerCommand(io: CliIo): Command {
  return withOperatorDrainFlags(
    new Command('server')
      .description('drain every runner on a server, across pools')
      .argument('<serverId>', 'the server whose runners to drain'),
  ).action(async (serverId: string, _options: unknown, self: Command) => {
    const { serverId: id, ...options } = commandOptions(
      self,
      io,
      DrainServerOptions,
      { serverId },
      { serverId: '<serverId>' },
    );
    await runOperatorDrain(io, options, { serverId: id });
  });
}
