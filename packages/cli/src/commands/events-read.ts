import { toLogEntry } from '@rollcall/contracts';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliIo } from '../cli-io';
import { withEventLog } from '../db/with-event-log';
import { commandOptions } from '../options/command-options';
import { addEventFilterOptions, EventFilterOptions, toEventFilter } from '../options/event-filter-options';
import { DatabaseUrl, JsonFlag } from '../options/global-options';
import { PositionArg } from '../options/position-arg';
import { formatEventLine } from '../output/format-event-line';
import { writeJson, writeLine } from '../output/write-line';

const EventsReadOptions = z
  .object({
    from: PositionArg.optional(),
    to: PositionArg.optional(),
    json: JsonFlag,
    databaseUrl: DatabaseUrl,
  })
  .extend(EventFilterOptions.shape)
  .refine(({ from, to }) => from === undefined || to === undefined || from <= to, {
    path: ['to'],
    error: 'must not be below --from',
  });

/** `rollcall events read`: the log (or a slice of it) in global-position order, straight from Postgres. */
export function eventsReadCommand(io: CliIo): Command {
  const command = new Command('read')
    .description('print events of the log in position order, from Postgres')
    .option('--from <position>', 'first position to print (inclusive)')
    .option('--to <position>', 'last position to print (inclusive); default: the head');
  return addEventFilterOptions(command).action(async (_options: unknown, self: Command) => {
    const options = commandOptions(self, io, EventsReadOptions);
    const { readAll } = await import('@rollcall/eventlog');
    const after = options.from === undefined || options.from === 0n ? 0n : options.from - 1n;
    const filter = toEventFilter(options);
    let count = 0;
    await withEventLog(options.databaseUrl, async (db) => {
      const events = readAll(db, {
        after,
        ...(options.to === undefined ? {} : { to: options.to }),
        ...(filter === undefined ? {} : { filter }),
      });
      for await (const event of events) {
        count += 1;
        if (options.json) await writeJson(io.stdout, toLogEntry(event));
        else await writeLine(io.stdout, formatEventLine(event));
      }
    });
    if (!options.json) await writeLine(io.stderr, `${count} event${count === 1 ? '' : 's'}`);
  });
}
