import { formatRate, formatRatio, type Table } from '../format-table';

/** One row of bench/results/registry.json: a case, its figure, the reference it is judged against. */
export type RegistryRow =
  | {
      readonly case: 'ingest';
      readonly messages: number;
      readonly mix: { connects: number; heartbeats: number; disconnects: number; transitions: number };
      readonly ingest_per_s: number;
      readonly jetstream_publish_per_s: number;
      /** Median of the runs' ratios (each run's two figures are taken back to back). */
      readonly ratio: number;
      readonly target_ratio: number;
      readonly hit: boolean;
      readonly connects_per_s: number;
      readonly heartbeats_per_s: number;
      readonly projector_tail_ms: number;
      /** CPU seconds per 100,000 messages while ingesting / while publishing. */
      readonly cpu_s_per_100k: {
        readonly ingest: { registry_process: number; postgres: number; nats_server: number };
        readonly publish: { publisher_process: number; nats_server: number };
      };
      readonly runs: number;
      readonly samples: readonly { ingest_per_s: number; publish_per_s: number; ratio: number }[];
    }
  | {
      readonly case: 'drain_notice';
      readonly runners: number;
      readonly pools: number;
      readonly upgrades: number;
      readonly drains_per_upgrade: number;
      /** Connect publish -> the last older runner's drain arrived. */
      readonly all_drained_ms: { p50: number; p99: number; max: number };
      /** Connect publish -> the first drain arrived. */
      readonly first_drain_ms: { p50: number; p99: number };
      readonly rtt_ms: { p50: number; p99: number; samples: number };
      readonly ratio_p99: number;
      readonly target_ratio_p99: number;
      readonly hit: boolean;
      readonly unexpected_drains: number;
    }
  | {
      readonly case: 'stop_after_idle';
      readonly samples: number;
      /** RunnerBecameIdle appended (the activity command's call) -> the stop command on the runner's subject. */
      readonly stop_ms: { p50: number; p99: number; max: number };
      readonly target_p99_ms: number;
      readonly hit: boolean;
    }
  | {
      readonly case: 'rebuild';
      readonly events: number;
      readonly workers: number;
      readonly rebuild_per_s: number;
      readonly raw_read_per_s: number;
      readonly ratio: number;
      readonly target_ratio: number;
      readonly hit: boolean;
      /** This process's RSS before the first rebuild (nothing else ran in it yet), and the peak over all. */
      readonly rss_before_mb: number;
      readonly peak_rss_mb: number;
      readonly seed_s: number;
      readonly runs: number;
      readonly samples: readonly { rebuild_per_s: number; raw_read_per_s: number }[];
    }
  | {
      readonly case: 'rss';
      readonly runners: number;
      readonly pools: number;
      readonly idle_rss_mb: number;
      readonly rss_mb: number;
      readonly peak_rss_mb: number;
      readonly heap_used_mb: number;
      readonly heap_total_mb: number;
      readonly target_mb: number;
      readonly hit: boolean;
      readonly connects_per_s: number;
    };

export function registryTable(rows: readonly RegistryRow[]): Table {
  return {
    headers: ['case', 'measured', 'reference', 'ratio', 'target', 'hit'],
    rows: rows.map(cellsOf),
  };
}

function cellsOf(row: RegistryRow): string[] {
  const hit = row.hit ? 'yes' : 'MISS';
  switch (row.case) {
    case 'ingest':
      return [
        'ingest (msg/s)',
        formatRate(row.ingest_per_s),
        `${formatRate(row.jetstream_publish_per_s)} JetStream publish`,
        formatRatio(row.ratio),
        `>= ${row.target_ratio}x`,
        hit,
      ];
    case 'drain_notice':
      return [
        'drain notice p50/p99 (ms)',
        `${ms(row.all_drained_ms.p50)} / ${ms(row.all_drained_ms.p99)}`,
        `RTT ${ms(row.rtt_ms.p50)} / ${ms(row.rtt_ms.p99)}`,
        formatRatio(row.ratio_p99),
        `p99 <= ${row.target_ratio_p99}x`,
        hit,
      ];
    case 'stop_after_idle':
      return [
        'stop after idle p50/p99 (ms)',
        `${ms(row.stop_ms.p50)} / ${ms(row.stop_ms.p99)}`,
        '',
        '',
        `p99 <= ${row.target_p99_ms} ms`,
        hit,
      ];
    case 'rebuild':
      return [
        'rebuild (events/s)',
        formatRate(row.rebuild_per_s),
        `${formatRate(row.raw_read_per_s)} raw keyset read`,
        formatRatio(row.ratio),
        `>= ${row.target_ratio}x`,
        hit,
      ];
    case 'rss':
      return [
        `rss, ${formatRate(row.runners)} runners (MB)`,
        String(row.rss_mb),
        `idle ${row.idle_rss_mb}`,
        '',
        `< ${row.target_mb} MB`,
        hit,
      ];
  }
}

function ms(value: number): string {
  return value.toFixed(2);
}
