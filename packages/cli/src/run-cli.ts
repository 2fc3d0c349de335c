import { CommanderError } from 'commander';
import { buildProgram } from './build-program';
import type { CliIo } from './cli-io';
import { ExitCode } from './exit-code';
import { UsageError } from './usage-error';

/**
 * Runs one `rollcall` command line (arguments after the program name) and returns its exit code: 0 done,
 * 1 failed, 2 bad usage. Every error ends as one line on stderr; nothing calls process.exit, so tests run
 * the whole CLI in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    // Commander already printed its message (or the help it was asked for).
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    if (error instanceof UsageError) {
      io.stderr.write(`rollcall: ${error.message}\n`);
      return ExitCode.usage;
    }
    const { describeError } = await import('@rollcall/service-kit');
    io.stderr.write(`rollcall: ${describeError(error)}\n`);
    return ExitCode.failure;
  }
}
