import { readModelDb, rebuildReadModels } from '@rollcall/projections';
import { sql } from 'kysely';
import { collectGarbage } from '../collect-garbage';
import { startPeakRss } from '../peak-rss';
import { withFreshLog } from './fresh-log';
import { rawKeysetRead } from './raw-keyset-read';
import type { RegistryOptions } from './registry-options';
import { seedLogInChildProcess } from './seed-log-process';

export interface RebuildMeasurement {
  readonly events: number;
  /** Per run: the rebuild's events/s (its own count and clock, from position 0 to the swap). */
  readonly rebuildPerSecond: readonly number[];
  /** Per run: the raw keyset read of the same table. */
  readonly rawPerSecond: readonly number[];
  /** Per run: RSS after a full GC before the rebuild, and its peak while rebuilding, bytes. */
  readonly rssBeforeBytes: readonly number[];
  readonly peakRssBytes: readonly number[];
  readonly workers: number;
  readonly seedSeconds: number;
}

export class RebuildCheckFailedError extends Error {
  override readonly name = 'RebuildCheckFailedError';
}

const NAMESPACE = 'bench';
const PAGE_SIZE = 5000;

/**
 * Seeds a fresh log with `rebuildEvents` pool events (through append batches), then, `runs` times and in
 * alternating order, reads the whole events table with raw keyset pages and rebuilds the worker map and
 * pools from position 0 into shadow tables with the swap, sampling this process's RSS.
 */
export async function measureRebuild(
  serverConnectionString: string,
  options: RegistryOptions,
  runs: number,
  log: (line: string) => void,
): Promise<RebuildMeasurement> {
  return withFreshLog(serverConnectionString, async ({ connectionString, db }) => {
    const seeding = performance.now();
    await seedLogInChildProcess(connectionString, {
      namespace: NAMESPACE,
      events: options.rebuildEvents,
      pools: 100,
      runnersPerPool: 100,
      transitions: 4,
      batch: options.seedBatch,
      writers: 4,
    });
    await sql`VACUUM (ANALYZE) events, streams`.execute(db);
    await sql`CHECKPOINT`.execute(db);
    const seedSeconds = (performance.now() - seeding) / 1000;
    log(`registry rebuild: seeded ${options.rebuildEvents} events in ${seedSeconds.toFixed(1)} s`);

    const measurement = {
      rebuildPerSecond: [] as number[],
      rawPerSecond: [] as number[],
      rssBeforeBytes: [] as number[],
      peakRssBytes: [] as number[],
      workers: 0,
    };
    const rebuild = async () => {
      collectGarbage();
      measurement.rssBeforeBytes.push(process.memoryUsage.rss());
      const peak = startPeakRss();
      const result = await rebuildReadModels({
        db,
        onProgress: () => peak.sample(),
      });
      measurement.peakRssBytes.push(peak.stop());
      if (result.events !== options.rebuildEvents || result.skipped !== 0) {
        throw new RebuildCheckFailedError(
          `rebuild folded ${result.events} events (${result.skipped} skipped), expected ${options.rebuildEvents}`,
        );
      }
      measurement.workers = result.workers;
      measurement.rebuildPerSecond.push(result.eventsPerSecond);
      log(
        `registry rebuild: ${Math.round(result.eventsPerSecond)} events/s, ${result.workers} workers, ` +
          `peak rss ${Math.round((measurement.peakRssBytes.at(-1) ?? 0) / 2 ** 20)} MB`,
      );
    };
    const raw = async () => {
      const perSecond = await rawKeysetRead(connectionString, options.rebuildEvents, PAGE_SIZE);
      measurement.rawPerSecond.push(perSecond);
      log(`registry rebuild: raw keyset read ${Math.round(perSecond)} events/s`);
    };
    for (let run = 0; run < runs; run++) {
      // The first rebuild runs in a process that has done nothing else yet: its RSS is the rebuild's.
      if (run % 2 === 0) {
        await rebuild();
        await raw();
      } else {
        await raw();
        await rebuild();
      }
    }
    const rows = await readModelDb(db)
      .selectFrom('worker_map')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    if (rows.n !== measurement.workers) {
      throw new RebuildCheckFailedError(
        `worker map has ${rows.n} rows, the rebuild reported ${measurement.workers}`,
      );
    }
    return { ...measurement, events: options.rebuildEvents, seedSeconds };
  });
}
