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

const EventsTailOptions = z
  .object({
    from: PositionArg.optional(),
    json: JsonFlag,
    databaseUrl: DatabaseUrl,
  })
  .extend(EventFilterOptions.shape);

/**
 * `rollcall events tail`: follows the log live (woken by the append notifications, polling as a fallback)
 * until Ctrl-C, which ends it cleanly with exit code 0.
 */
export function eventsTailCommand(io: CliIo): Command {
  const command = new Command('tail')
    .description('follow the log live until Ctrl-C')
    .option(
      '--from <position>',
      'first position to print (inclusive); default: only events appended from now on',
    );
  return addEventFilterOptions(command).action(async (_options: unknown, self: Command) => {
    const options = commandOptions(self, io, EventsTailOptions);
    const filter = toEventFilter(options);
    const [{ headPosition, listenForAppends, subscribe }, { pino }] = await Promise.all([
      import('@rollcall/eventlog'),
      import('pino'),
    ]);
    // Only the notification listener logs (a lost connection it retries); that belongs on stderr.
    const logger = pino({ level: 'warn', base: { service: 'rollcall-cli' } }, io.stderr);
    await withEventLog(options.databaseUrl, async (db) => {
      const after =
        options.from === undefined ? await headPosition(db) : options.from === 0n ? 0n : options.from - 1n;
      const wake = listenForAppends({ connectionString: options.databaseUrl, signal: io.signal, logger });
      try {
        const pages = subscribe(db, {
          after,
          signal: io.signal,
          wake,
          maxPollIntervalMs: 1000,
          ...(filter === undefined ? {} : { filter }),
        });
        for await (const page of pages) {
          if (page.kind !== 'events') continue;
          for (const event of page.events) {
            if (options.json) await writeJson(io.stdout, toLogEntry(event));
            else await writeLine(io.stdout, formatEventLine(event));
          }
        }
      } finally {
        await wake.closed;
      }
    });
  });
}
