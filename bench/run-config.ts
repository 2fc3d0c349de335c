import { parseArgs } from 'node:util';
import { z } from 'zod';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export const RunConfig = z.object({
  quick: z.boolean(),
  runs: z.coerce.number().int().min(1),
  /** Benchmark names to run; empty: all. */
  only: z.array(z.string().min(1)),
  databaseUrl: z.string().min(1),
  /** Benchmark flags (kebab-case) given on the command line or as BENCH_* variables. */
  flags: z.record(z.string(), z.string()),
});
export type RunConfig = z.infer<typeof RunConfig>;

export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

/** `--runs 5` or BENCH_RUNS=5; the command line wins. */
export function parseRunConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  benchFlags: readonly string[],
): RunConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: 'boolean' },
        runs: { type: 'string' },
        only: { type: 'string' },
        ...Object.fromEntries(benchFlags.map((flag) => [flag, { type: 'string' as const }])),
      },
    }).values;
  } catch (error) {
    throw new BenchUsageError(
      `${error instanceof Error ? error.message : String(error)}; flags: --quick --runs --only ${benchFlags.map((f) => `--${f}`).join(' ')}`,
      { cause: error },
    );
  }
  const fromEnv = (flag: string) => env[`BENCH_${flag.replace(/-/g, '_').toUpperCase()}`];
  const pick = (flag: string) => {
    const value = values[flag];
    return typeof value === 'string' ? value : fromEnv(flag);
  };
  const flags = Object.fromEntries(
    benchFlags.flatMap((flag) => {
      const value = pick(flag);
      return value === undefined ? [] : [[flag, value]];
    }),
  );
  const quickEnv = fromEnv('quick');
  const result = RunConfig.safeParse({
    quick: values.quick === true || quickEnv === '1' || quickEnv === 'true',
    runs: pick('runs') ?? '5',
    only: (pick('only') ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name.length > 0),
    databaseUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    flags,
  });
  if (!result.success) throw new BenchUsageError(z.prettifyError(result.error), { cause: result.error });
  return result.data;
}
