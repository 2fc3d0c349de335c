import type { EventFilter } from '@rollcall/eventlog';
import type { Command } from 'commander';
import { z } from 'zod';

function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, ...value.split(',')];
}

/** `--stream`, `--category` and `--type` (repeatable or comma-separated), shared by `events read` and `tail`. */
export function addEventFilterOptions(command: Command): Command {
  return command
    .option('--stream <name>', 'only this stream, e.g. pool-acme+web')
    .option('--category <category>', 'only streams of this category, e.g. pool')
    .option('--type <type>', 'only these event types (repeat the flag or separate with commas)', collect);
}

export const EventFilterOptions = z.object({
  stream: z.string().min(1, { error: 'must not be empty' }).optional(),
  category: z
    .string()
    .regex(/^[^-]+$/, { error: 'must be one word without "-", e.g. pool' })
    .optional(),
  type: z.array(z.string().min(1, { error: 'must not list an empty type' })).optional(),
});
export type EventFilterOptions = z.output<typeof EventFilterOptions>;

export function toEventFilter({ stream, category, type }: EventFilterOptions): EventFilter | undefined {
  if (stream === undefined && category === undefined && type === undefined) return undefined;
  return {
    ...(stream === undefined ? {} : { streamName: stream }),
    ...(category === undefined ? {} : { category }),
    ...(type === undefined ? {} : { types: type }),
  };
}
