import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { rolloutListCommand } from './rollout-list';
import { rolloutStartCommand } from './rollout-start';
import { rolloutStatusCommand } from './rollout-status';
import { rolloutSteerCommands } from './rollout-steer';

/** `rollcall rollout start|status|list|pause|resume|abort|rollback|approve|reject`: rollouts (HTTP API). */
export function rolloutCommand(io: CliIo): Command {
  const command = new Command('rollout')
    .alias('rollouts')
    .description('move a pool to a version across every place it runs, and steer it (HTTP API)')
    .addCommand(rolloutStartCommand(io))
    .addCommand(rolloutStatusCommand(io))
    .addCommand(rolloutListCommand(io));
  for (const steer of rolloutSteerCommands(io)) command.addCommand(steer);
  return command;
}
