import { Namespace, RolloutId, RolloutView } from '@rollcall/contracts';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliIo } from '../cli-io';
import { getApiJson } from '../http/get-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { intArg } from '../options/number-arg';
import { writeJson, writeLine } from '../output/write-line';
import { UsageError } from '../usage-error';
import { rolloutDisplay } from './rollout-display';
import { followRollout } from './rollout-follow';
import { rolloutText } from './rollout-text';

const StatusOptions = ApiOptions.extend({
  namespace: Namespace,
  rolloutId: RolloutId,
  watch: z.boolean().default(false),
  timeout: intArg(z.int().min(1, { error: 'must be at least 1 second' })).optional(),
});

/**
 * `rollcall rollout status <id>`: a rollout with every target's state and result (HTTP API). `--watch`
 * redraws it live until it has finished, and exits 1 unless every target moved.
 */
export function rolloutStatusCommand(io: CliIo): Command {
  return new Command('status')
    .description("a rollout and every target's state and result (HTTP API)")
    .argument('<rolloutId>', 'the rollout')
    .option('--namespace <ns>', 'namespace')
    .option('--watch', 'redraw it live until it has finished; exit 1 unless every target moved')
    .option('--timeout <seconds>', 'with --watch: give up after this long (exit 1; the rollout goes on)')
    .action(async (rolloutId: string, _options: unknown, self: Command) => {
      const options = commandOptions(self, io, StatusOptions, { rolloutId }, { rolloutId: '<rolloutId>' });
      if (options.timeout !== undefined && !options.watch)
        throw new UsageError('--timeout: only goes with --watch');
      const api = apiTarget(options, io);
      const rollout = await getApiJson(
        api,
        `/v1/namespaces/${options.namespace}/rollouts/${options.rolloutId}`,
        {},
        RolloutView,
      );
      if (!options.watch) {
        if (options.json) return writeJson(io.stdout, rollout);
        return writeLine(io.stdout, rolloutText(rollout));
      }
      await followRollout(io, {
        api,
        namespace: options.namespace,
        rollout,
        display: rolloutDisplay(io.stdout, { json: options.json }),
        timeoutSeconds: options.timeout,
      });
    });
}
