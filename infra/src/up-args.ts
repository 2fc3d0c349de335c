import { parseArgs } from 'node:util';

/** What `./dev up` takes on its command line. */
export interface UpArgs {
  /** Run the demo once everything is ready (`--no-demo` skips it). */
  demo: boolean;
}

export const upUsage = 'usage: ./dev up [--no-demo]';

/** Parses `./dev up`'s arguments; a `--` that pnpm passes along is skipped. Throws on anything unknown. */
export function parseUpArgs(argv: readonly string[]): UpArgs {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: { demo: { type: 'boolean', default: true } },
    allowNegative: true,
    strict: true,
    allowPositionals: false,
  });
  return { demo: values.demo };
}
