import type { BenchContext, BenchModule, BenchOutcome } from '../bench-module';
import { median } from '../median';
import { DEFAULT_NATS_URL } from './bench-nats';
import { type DrainNoticeMeasurement, measureDrainNotice } from './measure-drain-notice';
import { type IngestMeasurement, measureIngest } from './measure-ingest';
import { measureRebuild, type RebuildMeasurement } from './measure-rebuild';
import { measureRss, type RssMeasurement } from './measure-rss';
import { measureStopAfterIdle, type StopAfterIdleMeasurement } from './measure-stop-after-idle';
import { percentile } from './percentile';
import {
  type CaseName,
  parseRegistryOptions,
  REGISTRY_FLAGS,
  type RegistryOptions,
} from './registry-options';
import { type RegistryRow, registryTable } from './registry-row';
import { TARGETS } from './targets';

const MB = 2 ** 20;

/**
 * The registry against the references its issue names, each case on a fresh database and its own subject
 * prefix and streams: end-to-end ingest vs JetStream publish, drain notice latency vs NATS RTT, the
 * drainer's stop after idle (a draining runner going idle to its stop command) vs the drainer issue's one
 * second, worker-map rebuild vs a raw keyset read, and the registry process's memory with a large fleet.
 */
export const registryBench: BenchModule = {
  name: 'registry',
  flags: REGISTRY_FLAGS,
  run: async (context) => {
    const options = parseRegistryOptions(context.flags, context.quick);
    context.log(`registry options: ${JSON.stringify(options)}`);
    const natsUrl = process.env.NATS_URL ?? DEFAULT_NATS_URL;
    const rows: RegistryRow[] = [];
    for (const name of options.registryCase) rows.push(await runCase(name, options, natsUrl, context));
    return outcome(rows);
  },
};

async function runCase(
  name: CaseName,
  options: RegistryOptions,
  natsUrl: string,
  context: BenchContext,
): Promise<RegistryRow> {
  const server = context.connectionString;
  switch (name) {
    case 'ingest': {
      const runs: IngestMeasurement[] = [];
      for (let run = 0; run < context.runs; run++) {
        const measured = await measureIngest(server, natsUrl, options, context.log);
        context.log(
          `registry ingest run ${run + 1}/${context.runs}: ${Math.round(measured.ingestPerSecond)} msg/s vs ` +
            `${Math.round(measured.publishPerSecond)} published/s (connects ${Math.round(measured.connectsPerSecond)}/s, ` +
            `heartbeats ${Math.round(measured.heartbeatsPerSecond)}/s)`,
        );
        runs.push(measured);
      }
      return ingestRow(runs);
    }
    case 'drain_notice':
      return drainRow(await measureDrainNotice(server, natsUrl, options, context.log), options);
    case 'stop_after_idle':
      return stopRow(await measureStopAfterIdle(server, natsUrl, options, context.log));
    case 'rebuild':
      return rebuildRow(await measureRebuild(server, options, context.runs, context.log), context.runs);
    case 'rss':
      return rssRow(await measureRss(server, natsUrl, options, context.log), options);
  }
}

function stopRow({ stopMs }: StopAfterIdleMeasurement): RegistryRow {
  const p99 = percentile(stopMs, 99);
  return {
    case: 'stop_after_idle',
    samples: stopMs.length,
    stop_ms: { p50: round2(percentile(stopMs, 50)), p99: round2(p99), max: round2(Math.max(...stopMs)) },
    target_p99_ms: TARGETS.stopAfterIdleP99Ms,
    hit: p99 <= TARGETS.stopAfterIdleP99Ms,
  };
}

function ingestRow(runs: readonly IngestMeasurement[]): RegistryRow {
  const first = runs[0];
  if (first === undefined) throw new RangeError('no ingest runs');
  const ratio = median(runs.map((r) => r.ingestPerSecond / r.publishPerSecond));
  const per100k = (seconds: (r: IngestMeasurement) => number) =>
    round2(median(runs.map((r) => (seconds(r) * 100_000) / r.messages)));
  return {
    case: 'ingest',
    messages: first.messages,
    mix: {
      connects: first.counts.connected,
      heartbeats: first.counts.heartbeat,
      disconnects: first.counts.disconnected,
      transitions: first.transitions,
    },
    ingest_per_s: Math.round(median(runs.map((r) => r.ingestPerSecond))),
    jetstream_publish_per_s: Math.round(median(runs.map((r) => r.publishPerSecond))),
    ratio: round2(ratio),
    target_ratio: TARGETS.ingestVsPublish,
    hit: ratio >= TARGETS.ingestVsPublish,
    connects_per_s: Math.round(median(runs.map((r) => r.connectsPerSecond))),
    heartbeats_per_s: Math.round(median(runs.map((r) => r.heartbeatsPerSecond))),
    projector_tail_ms: Math.round(median(runs.map((r) => r.projectorTailMs))),
    cpu_s_per_100k: {
      ingest: {
        registry_process: per100k((r) => r.ingestCpu.thisProcess),
        postgres: per100k((r) => r.ingestCpu.postgres),
        nats_server: per100k((r) => r.ingestCpu.nats),
      },
      publish: {
        publisher_process: per100k((r) => r.publishCpu.thisProcess),
        nats_server: per100k((r) => r.publishCpu.nats),
      },
    },
    runs: runs.length,
    samples: runs.map((r) => ({
      ingest_per_s: Math.round(r.ingestPerSecond),
      publish_per_s: Math.round(r.publishPerSecond),
      ratio: round2(r.ingestPerSecond / r.publishPerSecond),
    })),
  };
}

function drainRow(measured: DrainNoticeMeasurement, options: RegistryOptions): RegistryRow {
  const allP99 = percentile(measured.allDrainedMs, 99);
  const rttP99 = percentile(measured.rttMs, 99);
  const ratio = allP99 / rttP99;
  return {
    case: 'drain_notice',
    runners: measured.drainsPerUpgrade * options.drainPools,
    pools: options.drainPools,
    upgrades: measured.allDrainedMs.length,
    drains_per_upgrade: measured.drainsPerUpgrade,
    all_drained_ms: {
      p50: round2(percentile(measured.allDrainedMs, 50)),
      p99: round2(allP99),
      max: round2(Math.max(...measured.allDrainedMs)),
    },
    first_drain_ms: {
      p50: round2(percentile(measured.firstDrainMs, 50)),
      p99: round2(percentile(measured.firstDrainMs, 99)),
    },
    rtt_ms: {
      p50: round3(percentile(measured.rttMs, 50)),
      p99: round3(rttP99),
      samples: measured.rttMs.length,
    },
    ratio_p99: round2(ratio),
    target_ratio_p99: TARGETS.drainP99VsRttP99,
    hit: ratio <= TARGETS.drainP99VsRttP99,
    unexpected_drains: measured.unexpectedDrains,
  };
}

function rebuildRow(measured: RebuildMeasurement, runs: number): RegistryRow {
  const ratio = median(measured.rebuildPerSecond.map((rate, i) => rate / (measured.rawPerSecond[i] ?? rate)));
  return {
    case: 'rebuild',
    events: measured.events,
    workers: measured.workers,
    rebuild_per_s: Math.round(median(measured.rebuildPerSecond)),
    raw_read_per_s: Math.round(median(measured.rawPerSecond)),
    ratio: round2(ratio),
    target_ratio: TARGETS.rebuildVsRawRead,
    hit: ratio >= TARGETS.rebuildVsRawRead,
    rss_before_mb: Math.round((measured.rssBeforeBytes[0] ?? 0) / MB),
    peak_rss_mb: Math.round(Math.max(...measured.peakRssBytes) / MB),
    seed_s: round2(measured.seedSeconds),
    runs,
    samples: measured.rebuildPerSecond.map((rate, i) => ({
      rebuild_per_s: Math.round(rate),
      raw_read_per_s: Math.round(measured.rawPerSecond[i] ?? 0),
    })),
  };
}

function rssRow(measured: RssMeasurement, options: RegistryOptions): RegistryRow {
  const rssMb = Math.round(measured.rssBytes / MB);
  return {
    case: 'rss',
    runners: measured.runners,
    pools: options.rssPools,
    idle_rss_mb: Math.round(measured.idleRssBytes / MB),
    rss_mb: rssMb,
    peak_rss_mb: Math.round(measured.peakRssBytes / MB),
    heap_used_mb: Math.round(measured.heap.heapUsedBytes / MB),
    heap_total_mb: Math.round(measured.heap.heapTotalBytes / MB),
    target_mb: TARGETS.rssMb,
    hit: rssMb < TARGETS.rssMb,
    connects_per_s: Math.round(measured.connectsPerSecond),
  };
}

function outcome(rows: readonly RegistryRow[]): BenchOutcome {
  return { rows, table: registryTable(rows), notes: rows.map(noteOf) };
}

/** What the table has no room for: the mix, the CPU split, the first drain, the heap. */
function noteOf(row: RegistryRow): string {
  switch (row.case) {
    case 'ingest': {
      const { ingest, publish } = row.cpu_s_per_100k;
      return (
        `ingest: ${row.messages} messages (${row.mix.connects} connects, ${row.mix.heartbeats} heartbeats with ` +
        `${row.mix.transitions} busy/idle transitions, ${row.mix.disconnects} disconnects); connects ` +
        `${row.connects_per_s}/s, the rest ${row.heartbeats_per_s}/s; CPU s per 100k: registry ` +
        `${ingest.registry_process}, postgres ${ingest.postgres}, nats ${ingest.nats_server} (publishing: ` +
        `${publish.publisher_process} + nats ${publish.nats_server})`
      );
    }
    case 'drain_notice':
      return (
        `drain_notice: ${row.upgrades} upgrades of ${row.drains_per_upgrade} runners each; first drain ` +
        `p50/p99 ${row.first_drain_ms.p50}/${row.first_drain_ms.p99} ms, last ${row.all_drained_ms.p50}/` +
        `${row.all_drained_ms.p99} ms (max ${row.all_drained_ms.max}); ${row.unexpected_drains} unexpected drains`
      );
    case 'stop_after_idle':
      return (
        `stop_after_idle: ${row.samples} draining runners going idle, each to its stop command on its subject; ` +
        `p50/p99 ${row.stop_ms.p50}/${row.stop_ms.p99} ms (max ${row.stop_ms.max})`
      );
    case 'rebuild':
      return (
        `rebuild: ${row.events} events into ${row.workers} worker rows; rss ${row.rss_before_mb} MB before, ` +
        `peak ${row.peak_rss_mb} MB; seeded in ${row.seed_s} s`
      );
    case 'rss':
      return (
        `rss: ${row.runners} runners in ${row.pools} pools, registry process ${row.idle_rss_mb} MB idle -> ` +
        `${row.rss_mb} MB (peak ${row.peak_rss_mb}), V8 heap ${row.heap_used_mb} used of ${row.heap_total_mb} MB`
      );
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
