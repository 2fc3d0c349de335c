import { parseArgs } from 'node:util';
import { InfraError } from './infra-error';

/** What `./dev up` takes on its command line. */
export interface UpArgs {
  /** Run the demo once everything is ready (`--no-demo` skips it). */
  demo: boolean;
}

const usage = 'usage: ./dev up [--no-demo]';

/** Parses `./dev up`'s arguments; a `--` that pnpm passes along is skipped. Anything else fails with the usage. */
export function parseUpArgs(argv: readonly string[]): UpArgs {
  try {
    const { values } = parseArgs({
      args: argv.filter((arg) => arg !== '--'),
      options: { demo: { type: 'boolean', default: true } },
      allowNegative: true,
      strict: true,
      allowPositionals: false,
    });
    return { demo: values.demo };
  } catch (error) {
    throw new InfraError(`${error instanceof Error ? error.message : String(error)}; ${usage}`, {
      cause: error,
    });
  }
}
