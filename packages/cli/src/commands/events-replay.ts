import { Command } from 'commander';
import { z } from 'zod';
import type { CliIo } from '../cli-io';
import { ConsumerNotFoundError } from '../consumer-not-found-error';
import { withEventLog } from '../db/with-event-log';
import { commandOptions } from '../options/command-options';
import { DatabaseUrl, JsonFlag } from '../options/global-options';
import { PositionArg } from '../options/position-arg';
import { writeJson, writeLine } from '../output/write-line';
import { UsageError } from '../usage-error';

const EventsReplayOptions = z.object({
  consumer: z.string().min(1, { error: 'must not be empty' }),
  from: PositionArg,
  json: JsonFlag,
  databaseUrl: DatabaseUrl,
});

/**
 * `rollcall events replay`: moves a named consumer's checkpoint to just before `--from`, so it re-delivers
 * every event from there on (an operator fixing a projection bug). A running consumer sees the moved
 * checkpoint at its next compare-and-set and resumes from it.
 */
export function eventsReplayCommand(io: CliIo): Command {
  return new Command('replay')
    .description('re-deliver events to a named consumer by moving its checkpoint back')
    .option('--consumer <name>', 'the consumer (subscription) name, e.g. read-models')
    .option('--from <position>', 'first position to re-deliver (inclusive)')
    .action(async (_options: unknown, self: Command) => {
      const { consumer, from, json, databaseUrl } = commandOptions(self, io, EventsReplayOptions);
      const { headPosition, readCheckpoint, resetCheckpoint } = await import('@rollcall/eventlog');
      const checkpoint = from === 0n ? 0n : from - 1n;
      const outcome = await withEventLog(databaseUrl, async (db) => {
        const head = await headPosition(db);
        // Beyond the head the consumer would silently skip whatever is appended next.
        if (checkpoint > head) {
          throw new UsageError(
            `--from: is beyond the log head (${head}); the consumer would skip new events`,
          );
        }
        if ((await readCheckpoint(db, consumer)) === null) throw new ConsumerNotFoundError(consumer);
        const previous = await resetCheckpoint(db, { consumer, position: checkpoint });
        return { previous, head };
      });
      const previous = outcome.previous ?? 0n;
      if (json) {
        await writeJson(io.stdout, {
          consumer,
          previousCheckpoint: previous.toString(),
          checkpoint: checkpoint.toString(),
          redeliversFrom: (checkpoint + 1n).toString(),
          head: outcome.head.toString(),
        });
        return;
      }
      const moved = `consumer ${consumer}: checkpoint moved from ${previous} to ${checkpoint}`;
      if (checkpoint < previous) {
        await writeLine(
          io.stdout,
          `${moved}; it re-delivers events ${checkpoint + 1n}..${previous} (head ${outcome.head}) at its next batch`,
        );
      } else if (checkpoint === previous) {
        await writeLine(io.stdout, `${moved} (unchanged); it continues from position ${checkpoint + 1n}`);
      } else {
        await writeLine(
          io.stdout,
          `${moved}; it SKIPS events ${previous + 1n}..${checkpoint} and continues from ${checkpoint + 1n}`,
        );
      }
    });
}
