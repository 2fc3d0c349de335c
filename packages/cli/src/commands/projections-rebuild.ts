import { Command } from 'commander';
import { z } from 'zod';
import type { CliIo } from '../cli-io';
import { withEventLog } from '../db/with-event-log';
import { commandOptions } from '../options/command-options';
import { DatabaseUrl, JsonFlag } from '../options/global-options';
import { formatCount, formatSeconds } from '../output/format-count';
import { rebuildProgressBar } from '../output/rebuild-progress-bar';
import { writeJson, writeLine } from '../output/write-line';

/** One projector keeps the worker map and the pools together, so both names rebuild the same tables. */
const Projection = z.enum(['worker-map', 'read-models'], { error: 'must be worker-map or read-models' });

const RebuildOptions = z.object({
  projection: Projection,
  json: JsonFlag,
  databaseUrl: DatabaseUrl,
});

/**
 * `rollcall projections rebuild worker-map`: replays the log from position 0 into shadow tables and swaps them
 * in atomically (readers never see a half-built map), with a progress bar, then a summary.
 */
export function projectionsRebuildCommand(io: CliIo): Command {
  return new Command('rebuild')
    .description('rebuild the worker map and pools from position 0, swapped in atomically')
    .argument('<projection>', 'worker-map (alias: read-models)')
    .action(async (projection: string, _options: unknown, self: Command) => {
      const options = commandOptions(
        self,
        io,
        RebuildOptions,
        { projection },
        { projection: '<projection>' },
      );
      const { migrateReadModels, READ_MODELS_SUBSCRIPTION, rebuildReadModels } = await import(
        '@rollcall/projections'
      );
      const bar = options.json ? null : rebuildProgressBar(io.stderr);
      const result = await withEventLog(options.databaseUrl, async (db) => {
        await migrateReadModels(db);
        try {
          return await rebuildReadModels({
            db,
            signal: io.signal,
            ...(bar === null ? {} : { onProgress: (progress) => bar.update(progress) }),
          });
        } finally {
          bar?.stop();
        }
      });
      const summary = {
        projection: options.projection,
        events: result.events,
        skipped: result.skipped,
        seconds: Number((result.elapsedMs / 1000).toFixed(3)),
        eventsPerSecond: Math.round(result.eventsPerSecond),
        workers: result.workers,
        pools: result.pools,
        checkpoint: result.position.toString(),
      };
      if (options.json) {
        await writeJson(io.stdout, summary);
        return;
      }
      const skipped = result.skipped === 0 ? '' : ` (${formatCount(result.skipped)} unparseable, skipped)`;
      await writeLine(
        io.stdout,
        `rebuilt worker_map and pools: ${formatCount(result.events)} events${skipped} in ${formatSeconds(result.elapsedMs)} ` +
          `(${formatCount(result.eventsPerSecond)} events/s); ${formatCount(result.workers)} workers, ` +
          `${formatCount(result.pools)} pools; checkpoint ${READ_MODELS_SUBSCRIPTION} at ${result.position}`,
      );
    });
}
