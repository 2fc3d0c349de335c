import { formatRate, formatRatio, type Table } from '../format-table';
import type { CaseName } from './eventlog-options';
import type { StoreName } from './store-under-test';

export interface EventlogRow {
  readonly case: CaseName;
  /** Medians over `runs`. */
  readonly rollcall_per_s: number;
  readonly emmett_per_s: number;
  readonly raw_per_s: number;
  readonly ratio_vs_emmett: number;
  readonly ratio_vs_raw: number;
  /** Events per timed run (for `read`, Emmett reads `emmett_events` of them, see eventlog-options). */
  readonly events: number;
  readonly runs: number;
  /** Rollcall's peak RSS during its reads (in the run that grew the most, see rss_mb). */
  readonly peak_rss_mb?: number;
  readonly target_vs_emmett: number;
  readonly target_vs_raw: number;
  readonly hit_vs_emmett: boolean;
  readonly hit_vs_raw: boolean;
  /** Every run's rate, so the spread behind each median is visible. */
  readonly samples_per_s: Readonly<Record<StoreName, readonly number[]>>;
  readonly emmett_events?: number;
  /** Per store, for its run that grew the most: RSS after a GC just before reading, at each quarter, peak. */
  readonly rss_mb?: Readonly<
    Record<
      StoreName,
      { readonly before: number; readonly by_quarter: readonly number[]; readonly peak: number }
    >
  >;
}

export function eventlogTable(rows: readonly EventlogRow[]): Table {
  return {
    headers: [
      'case',
      'events',
      'runs',
      'rollcall/s',
      'emmett/s',
      'raw/s',
      'vs emmett',
      'vs raw',
      'peak MB',
      'targets',
    ],
    rows: rows.map((row) => [
      row.case,
      row.events.toLocaleString('en-US'),
      String(row.runs),
      formatRate(row.rollcall_per_s),
      formatRate(row.emmett_per_s),
      formatRate(row.raw_per_s),
      `${formatRatio(row.ratio_vs_emmett)} (>= ${row.target_vs_emmett}x ${row.hit_vs_emmett ? 'hit' : 'MISS'})`,
      `${formatRatio(row.ratio_vs_raw)} (>= ${row.target_vs_raw}x ${row.hit_vs_raw ? 'hit' : 'MISS'})`,
      row.peak_rss_mb === undefined ? '' : String(row.peak_rss_mb),
      row.hit_vs_emmett && row.hit_vs_raw ? 'hit' : 'MISS',
    ]),
  };
}
