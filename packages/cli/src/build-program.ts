import { Command } from 'commander';
import type { CliIo } from './cli-io';
import { autoUpgradeCommand } from './commands/auto-upgrade';
import { drainPoolVersionCommand } from './commands/drain-pool-version';
import { drainRunnerCommand } from './commands/drain-runner';
import { drainServerCommand } from './commands/drain-server';
import { drainsCommand } from './commands/drains';
import { eventsReadCommand } from './commands/events-read';
import { eventsReplayCommand } from './commands/events-replay';
import { eventsTailCommand } from './commands/events-tail';
import { fleetCommand } from './commands/fleet';
import { natsConfigCommand } from './commands/nats-config';
import { poolsCommand } from './commands/pools';
import { projectionsRebuildCommand } from './commands/projections-rebuild';
import { rolloutCommand } from './commands/rollout';
import { simCommand } from './commands/sim';
import { tokensCommand } from './commands/tokens';
import { undrainCommand } from './commands/undrain';
import { versionsCommand } from './commands/versions';
import { workersCommand } from './commands/workers';

/**
 * Settings commander does not pass from a command to the subcommands it is given with `addCommand`:
 * errors come back as exceptions (runCli picks the exit code), output goes to the CLI's streams, and a
 * commander error stays on one line.
 */
function configureTree(command: Command, io: CliIo): void {
  command
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`rollcall: ${text.trimEnd().replace(/\s*\n\s*/g, ' ')}\n`),
    })
    .allowExcessArguments(false);
  for (const sub of command.commands) configureTree(sub, io);
}

/**
 * The `rollcall` command tree. Command files import Postgres, NATS and the projections inside their action, so
 * `rollcall --help` or `rollcall workers` start without loading what they do not use.
 */
export function buildProgram(io: CliIo): Command {
  const program = new Command('rollcall')
    .description(
      'operate Rollcall: read and replay the event log, rebuild projections, inspect fleets, drain runners, simulate runners',
    )
    .option('--json', 'machine output: one JSON document (NDJSON for event streams)')
    .option('--api <url>', 'HTTP API base URL (env ROLLCALL_API_URL; default http://127.0.0.1:8080)')
    .option('--token <token>', 'API bearer token (env ROLLCALL_TOKEN)')
    .option(
      '--database-url <url>',
      'event log Postgres, for events and projections commands (env DATABASE_URL)',
    )
    .option('--nats-url <url>', 'NATS, for sim (env NATS_URL; default nats://127.0.0.1:4222)')
    .option(
      '--prefix <prefix>',
      'NATS subject prefix, for sim (env ROLLCALL_SUBJECT_PREFIX; default rollcall)',
    );

  program
    .command('events')
    .description('the event log, straight from Postgres')
    .addCommand(eventsReadCommand(io))
    .addCommand(eventsTailCommand(io))
    .addCommand(eventsReplayCommand(io));
  program
    .command('projections')
    .description('read models kept from the log')
    .addCommand(projectionsRebuildCommand(io));
  program.addCommand(fleetCommand(io));
  program.addCommand(workersCommand(io));
  program.addCommand(poolsCommand(io));
  program.addCommand(simCommand(io));
  program
    .command('drain')
    .description('operator drains: a runner, every runner on a server, or a version of a pool (HTTP API)')
    .addCommand(drainRunnerCommand(io))
    .addCommand(drainServerCommand(io))
    .addCommand(drainPoolVersionCommand(io));
  program.addCommand(undrainCommand(io));
  program.addCommand(drainsCommand(io));
  program.addCommand(versionsCommand(io));
  program.addCommand(autoUpgradeCommand(io));
  program.addCommand(rolloutCommand(io));
  program.addCommand(tokensCommand(io));
  program.addCommand(natsConfigCommand(io));

  configureTree(program, io);
  return program;
}
