import pg from 'pg';
import type { BenchContext, BenchModule, BenchOutcome } from '../bench-module';
import { median } from '../median';
import { openEmmettStore } from './emmett-store';
import {
  type CaseName,
  EVENTLOG_FLAGS,
  type EventlogOptions,
  parseEventlogOptions,
} from './eventlog-options';
import { type EventlogRow, eventlogTable } from './eventlog-row';
import { measureRead, type ReadMeasurement } from './measure-read';
import { measureWrites, type WriteLoad } from './measure-writes';
import { openRawStore } from './raw-store';
import { spreadWindows } from './read-windows';
import { openRollcallStore } from './rollcall-store';
import {
  type ReadRange,
  STORE_NAMES,
  type StoreName,
  type StoreOptions,
  type StoreUnderTest,
} from './store-under-test';
import { TARGETS } from './targets';

const MB = 1024 * 1024;

/** Rollcall's event log against Emmett's PostgreSQL event store and raw pg, same process, same database. */
export const eventlogBench: BenchModule = {
  name: 'eventlog',
  flags: EVENTLOG_FLAGS,
  run: async (context) => {
    const options = parseEventlogOptions(context.flags, context.quick);
    context.log(`eventlog options: ${JSON.stringify(options)}`);
    const maintenance = new pg.Client({ connectionString: context.connectionString });
    await maintenance.connect();
    try {
      const rows: EventlogRow[] = [];
      for (const name of options.case) rows.push(await runCase(name, options, context, maintenance));
      return outcome(rows);
    } finally {
      await maintenance.end();
    }
  },
};

type Samples = Record<StoreName, number[]>;

async function runCase(
  name: CaseName,
  options: EventlogOptions,
  context: BenchContext,
  maintenance: pg.Client,
): Promise<EventlogRow> {
  const poolSize = name === 'single' ? options.singleWriters : name === 'batch' ? options.batchWriters : 2;
  const stores = await openStores({ connectionString: context.connectionString, poolSize });
  try {
    for (const store of stores) await store.reset();
    if (name === 'read') return await readCase(stores, options, context, maintenance);
    const load: WriteLoad =
      name === 'single'
        ? { writers: options.singleWriters, appendsPerWriter: options.singleAppends, eventsPerAppend: 1 }
        : {
            writers: options.batchWriters,
            appendsPerWriter: options.batchAppends,
            eventsPerAppend: options.batchSize,
          };
    const warmupAppends = name === 'single' ? options.singleWarmup : options.batchWarmup;
    return await writeCase(name, stores, load, warmupAppends, context, maintenance);
  } finally {
    for (const store of stores) await store.close();
  }
}

async function openStores(options: StoreOptions): Promise<StoreUnderTest[]> {
  return [await openRollcallStore(options), await openEmmettStore(options), await openRawStore(options)];
}

async function writeCase(
  name: CaseName,
  stores: readonly StoreUnderTest[],
  load: WriteLoad,
  warmupAppends: number,
  context: BenchContext,
  maintenance: pg.Client,
): Promise<EventlogRow> {
  if (warmupAppends > 0) {
    for (const store of stores)
      await measureWrites(store, { ...load, appendsPerWriter: warmupAppends }, 'warmup');
  }
  const samples = emptySamples();
  for (let run = 0; run < context.runs; run += 1) {
    for (const store of rotate(stores, run)) {
      // Flush dirty buffers first so no store's run pays for a checkpoint the previous one caused.
      await maintenance.query('CHECKPOINT');
      const perSecond = await measureWrites(store, load, `${name}r${run}`);
      samples[store.name].push(perSecond);
      context.log(
        `eventlog ${name} run ${run + 1}/${context.runs} ${store.name}: ${Math.round(perSecond)} events/s`,
      );
    }
  }
  return row(name, samples, load.writers * load.appendsPerWriter * load.eventsPerAppend, context.runs);
}

async function readCase(
  stores: readonly StoreUnderTest[],
  options: EventlogOptions,
  context: BenchContext,
  maintenance: pg.Client,
): Promise<EventlogRow> {
  for (const store of stores) {
    const started = performance.now();
    await store.seed(options.readEvents);
    context.log(
      `eventlog read: seeded ${options.readEvents} events into ${store.name} in ${seconds(started)} s`,
    );
  }
  // Set hint bits and the visibility map, and fresh statistics, the same for every store's tables.
  const started = performance.now();
  await maintenance.query('VACUUM (ANALYZE) events, streams, emt_messages, emt_streams, raw_events');
  await maintenance.query('CHECKPOINT');
  context.log(`eventlog read: vacuum analyze and checkpoint in ${seconds(started)} s`);

  const ranges = (store: StoreUnderTest): ReadRange[] =>
    store.name === 'emmett' && options.emmettReadEvents < options.readEvents
      ? spreadWindows(options.readEvents, options.emmettReadEvents, 4, options.pageSize)
      : [{ after: 0n, count: options.readEvents, pageSize: options.pageSize }];

  // One untimed page each: connections open, plans cached, JIT-free steady state from the first timed page.
  for (const store of stores)
    await store.read({ after: 0n, count: options.pageSize, pageSize: options.pageSize }, () => {});

  const samples = emptySamples();
  const measurements: Record<StoreName, ReadMeasurement[]> = { rollcall: [], emmett: [], raw: [] };
  for (let run = 0; run < context.runs; run += 1) {
    for (const store of rotate(stores, run)) {
      const measurement = await measureRead(store, ranges(store));
      samples[store.name].push(measurement.perSecond);
      measurements[store.name].push(measurement);
      context.log(
        `eventlog read run ${run + 1}/${context.runs} ${store.name}: ${Math.round(measurement.perSecond)} events/s ` +
          `over ${measurement.events}; RSS MB before ${mb(measurement.rssBeforeBytes)}, by quarter ` +
          `${measurement.rssByQuarterBytes.map(mb).join('/')}, peak ${mb(measurement.peakRssBytes)}`,
      );
    }
  }
  // The run that grew the most: its RSS before, at each quarter of the read, and its peak.
  const growth = (m: ReadMeasurement) => m.peakRssBytes - m.rssBeforeBytes;
  const rssOf = (store: StoreName) => {
    const worst = measurements[store].reduce((a, b) => (growth(b) > growth(a) ? b : a));
    return {
      before: mb(worst.rssBeforeBytes),
      by_quarter: worst.rssByQuarterBytes.map(mb),
      peak: mb(worst.peakRssBytes),
    };
  };
  const rss = { rollcall: rssOf('rollcall'), emmett: rssOf('emmett'), raw: rssOf('raw') };
  return {
    ...row('read', samples, options.readEvents, context.runs),
    peak_rss_mb: rss.rollcall.peak,
    emmett_events: Math.min(options.emmettReadEvents, options.readEvents),
    rss_mb: rss,
  };
}

function row(name: CaseName, samples: Samples, events: number, runs: number): EventlogRow {
  const rollcall = median(samples.rollcall);
  const emmett = median(samples.emmett);
  const raw = median(samples.raw);
  const target = TARGETS[name];
  const ratioVsEmmett = rollcall / emmett;
  const ratioVsRaw = rollcall / raw;
  return {
    case: name,
    rollcall_per_s: Math.round(rollcall),
    emmett_per_s: Math.round(emmett),
    raw_per_s: Math.round(raw),
    ratio_vs_emmett: round2(ratioVsEmmett),
    ratio_vs_raw: round2(ratioVsRaw),
    events,
    runs,
    target_vs_emmett: target.vsEmmett,
    target_vs_raw: target.vsRaw,
    hit_vs_emmett: ratioVsEmmett >= target.vsEmmett,
    hit_vs_raw: ratioVsRaw >= target.vsRaw,
    samples_per_s: {
      rollcall: samples.rollcall.map(Math.round),
      emmett: samples.emmett.map(Math.round),
      raw: samples.raw.map(Math.round),
    },
  };
}

function outcome(rows: readonly EventlogRow[]): BenchOutcome {
  const notes = rows.flatMap((r) => [
    ...(r.hit_vs_emmett
      ? []
      : [`${r.case}: ${r.ratio_vs_emmett}x Emmett, target ${r.target_vs_emmett}x (MISS)`]),
    ...(r.hit_vs_raw ? [] : [`${r.case}: ${r.ratio_vs_raw}x raw pg, target ${r.target_vs_raw}x (MISS)`]),
    ...(r.emmett_events !== undefined && r.emmett_events < r.events
      ? [
          `${r.case}: Emmett read ${r.emmett_events} of the ${r.events} events (4 windows spread over the log)`,
        ]
      : []),
    ...(r.rss_mb === undefined
      ? []
      : [
          `${r.case}: RSS MB before -> at each quarter of the read (peak): ` +
            STORE_NAMES.map(
              (s) =>
                `${s} ${r.rss_mb?.[s].before} -> ${r.rss_mb?.[s].by_quarter.join('/')} (${r.rss_mb?.[s].peak})`,
            ).join(', '),
        ]),
  ]);
  return { rows, table: eventlogTable(rows), notes };
}

/** Each run starts with a different store, so none always runs first (cold) or last. */
function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function emptySamples(): Samples {
  return { rollcall: [], emmett: [], raw: [] };
}

function mb(bytes: number): number {
  return Math.round(bytes / MB);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
