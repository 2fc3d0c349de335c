import type { Table } from './format-table';

/** What `bench/run.ts` hands each benchmark. */
export interface BenchContext {
  /** A fresh database of this benchmark's own, dropped when it ends. */
  readonly connectionString: string;
  /** A smoke run with small sizes (CI), not a measurement. */
  readonly quick: boolean;
  /** Timed repetitions per measurement; the median is reported (default 5: the machine is shared, and a median of 5 shrugs off a burst of other work). */
  readonly runs: number;
  /** Values given for the flags this benchmark declares (from `--flag value` or `BENCH_FLAG`). */
  readonly flags: Readonly<Record<string, string>>;
  readonly log: (line: string) => void;
}

export interface BenchOutcome {
  /** Written as JSON to `bench/results/<name>.json`. */
  readonly rows: readonly object[];
  readonly table: Table;
  /** Printed under the table (e.g. which targets were missed). */
  readonly notes: readonly string[];
}

export interface BenchModule {
  /** Also the results file name. */
  readonly name: string;
  /** kebab-case flags this benchmark reads, each also taken from the environment as BENCH_<FLAG_IN_SNAKE_CASE>. */
  readonly flags: readonly string[];
  run(context: BenchContext): Promise<BenchOutcome>;
}
