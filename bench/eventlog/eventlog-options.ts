import { z } from 'zod';

export const CASE_NAMES = ['single', 'batch', 'read'] as const;
export type CaseName = (typeof CASE_NAMES)[number];

const count = z.coerce.number().int().positive();
const warmup = z.coerce.number().int().nonnegative();

/** Sizes of the event-log benchmark; every field is a flag (kebab-case) and a BENCH_* variable. */
export const EventlogOptions = z.object({
  case: z
    .string()
    .transform((list) => list.split(',').map((name) => name.trim()))
    .pipe(z.array(z.enum(CASE_NAMES)).min(1)),
  singleWriters: count,
  /** Timed appends per writer per run in `single` (one event each). */
  singleAppends: count,
  singleWarmup: warmup,
  batchWriters: count,
  batchSize: count,
  /** Timed appends per writer per run in `batch` (batchSize events each). */
  batchAppends: count,
  batchWarmup: warmup,
  readEvents: count,
  /**
   * Emmett's batch read has no index on its order (transaction_id, global_position): every page scans and sorts
   * the whole table, so reading all of a large log takes minutes. It reads this many events, in four windows
   * spread over the log, and its rate is events / time over those windows.
   */
  emmettReadEvents: count,
  pageSize: count,
});
export type EventlogOptions = z.infer<typeof EventlogOptions>;

type Raw = Record<keyof EventlogOptions, string>;

const full: Raw = {
  case: CASE_NAMES.join(','),
  singleWriters: '8',
  singleAppends: '2000',
  singleWarmup: '100',
  batchWriters: '4',
  batchSize: '100',
  batchAppends: '250',
  batchWarmup: '10',
  readEvents: '1000000',
  emmettReadEvents: '40000',
  pageSize: '1000',
};

const quick: Raw = {
  ...full,
  singleAppends: '50',
  singleWarmup: '5',
  batchAppends: '5',
  batchWarmup: '1',
  readEvents: '20000',
  emmettReadEvents: '20000',
};

export const EVENTLOG_FLAGS = Object.keys(full).map((key) =>
  key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
);

/** Flags given (kebab-case keys) over the full or quick defaults. */
export function parseEventlogOptions(
  flags: Readonly<Record<string, string>>,
  isQuick: boolean,
): EventlogOptions {
  const given = Object.fromEntries(
    Object.entries(flags).map(([flag, value]) => [
      flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
      value,
    ]),
  );
  return EventlogOptions.parse({ ...(isQuick ? quick : full), ...given });
}
