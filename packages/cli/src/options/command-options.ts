import type { Command } from 'commander';
import type { z } from 'zod';
import type { CliIo } from '../cli-io';
import { globalDefaults } from './global-options';
import { type FlagNames, parseOptions } from './parse-options';

/**
 * The options of the running command and of the program above it, the environment's defaults filled in
 * for flags that were not given, validated by `schema`.
 */
export function commandOptions<Schema extends z.ZodType>(
  command: Command,
  io: CliIo,
  schema: Schema,
  extra: Readonly<Record<string, unknown>> = {},
  names: FlagNames = {},
): z.output<Schema> {
  const given = Object.fromEntries(
    Object.entries(command.optsWithGlobals()).filter(([, value]) => value !== undefined),
  );
  return parseOptions(schema, { ...globalDefaults(io.env), ...given, ...extra }, names);
}
