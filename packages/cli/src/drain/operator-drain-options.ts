import { DrainReason, Namespace } from '@rollcall/contracts';
import type { Command } from 'commander';
import { z } from 'zod';
import { ApiOptions } from '../options/api-options';
import { intArg } from '../options/number-arg';

const Seconds = intArg(z.int().min(1, { error: 'must be at least 1 second' }));

/** The flags every `rollcall drain ...` command takes. */
const OperatorDrainFlags = ApiOptions.extend({
  namespace: Namespace,
  deadline: Seconds.optional(),
  reason: DrainReason.optional(),
  wait: z.boolean().default(false),
  timeout: Seconds.optional(),
});
export type OperatorDrainOptions = z.output<typeof OperatorDrainFlags>;

/** A `drain` subcommand's options: the common flags and its own `arguments` (the target). */
export function operatorDrainOptions<Arguments extends z.ZodRawShape>(args: Arguments) {
  return OperatorDrainFlags.extend(args);
}

/** Adds the flags of {@link OperatorDrainOptions} to a `drain` subcommand. */
export function withOperatorDrainFlags(command: Command): Command {
  return command
    .option('--namespace <ns>', 'namespace')
    .option(
      '--deadline <seconds>',
      "seconds before a busy runner is stopped by force (default: the pool's drainTimeoutSeconds)",
    )
    .option(
      '--reason <reason>',
      `why: ${DrainReason.options.join(', ')} (default: operator, server_drain for a server)`,
    )
    .option(
      '--wait',
      'show each drained runner until it has stopped; exit 1 if some are still draining at --timeout',
    )
    .option(
      '--timeout <seconds>',
      'with --wait: give up after this long (default: 60 s after the latest deadline)',
    );
}
