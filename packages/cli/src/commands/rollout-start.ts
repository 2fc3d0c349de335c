import { Labels, Namespace, PoolName, RolloutView, TargetId, Version } from '@rollcall/contracts';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliIo } from '../cli-io';
import { requestApiJson } from '../http/request-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { intArg } from '../options/number-arg';
import { writeJson, writeLine } from '../output/write-line';
import { UsageError } from '../usage-error';
import { rolloutDisplay } from './rollout-display';
import { followRollout } from './rollout-follow';
import { RolloutStrategyFlags, strategyOf, withRolloutStrategyFlags } from './rollout-strategy-flags';
import { describeStrategy, rolloutText } from './rollout-text';

const Seconds = intArg(z.int().min(0, { error: 'must be 0 or more seconds' }));

const StartOptions = ApiOptions.extend({
  namespace: Namespace,
  pool: PoolName,
  version: intArg(Version),
  target: z.array(TargetId).optional(),
  targetLabel: Labels.keyType.optional(),
  healthyWindow: Seconds.optional(),
  wait: z.boolean().default(false),
  timeout: intArg(z.int().min(1, { error: 'must be at least 1 second' })).optional(),
}).extend(RolloutStrategyFlags.shape);

/**
 * `rollcall rollout start <pool> --version N`: starts a rollout of the pool to a published version across the
 * places it runs (HTTP API, operator token); settings left out come from the pool's rollout defaults. With
 * `--wait` it follows the rollout, target by target, until it has finished.
 */
export function rolloutStartCommand(io: CliIo): Command {
  return withRolloutStrategyFlags(
    new Command('start')
      .description('start a rollout of a pool to a published version (HTTP API)')
      .argument('<pool>', 'the pool to move')
      .option('--namespace <ns>', 'namespace')
      .option('--version <n>', 'the published version to move to'),
  )
    .option(
      '--target <targetId...>',
      'only these targets, in this order (repeat or list; default: every one)',
    )
    .option('--target-label <key>', 'targets are the values of this runner label (default: servers)')
    .option('--healthy-window <seconds>', "how long new runners must stay healthy (default: the pool's)")
    .option('--wait', 'follow the rollout until it has finished; exit 1 unless every target moved')
    .option(
      '--timeout <seconds>',
      'with --wait: give up following after this long (exit 1; the rollout goes on)',
    )
    .action(async (pool: string, _options: unknown, self: Command) => {
      const options = commandOptions(self, io, StartOptions, { pool }, { pool: '<pool>' });
      if (options.timeout !== undefined && !options.wait)
        throw new UsageError('--timeout: only goes with --wait');
      const strategy = strategyOf(options);
      const api = apiTarget(options, io);
      const rollout = await requestApiJson(
        api,
        {
          method: 'POST',
          path: `/v1/namespaces/${options.namespace}/pools/${options.pool}/rollouts`,
          body: {
            version: options.version,
            strategy,
            targets: options.target?.flatMap((target) => target.split(',')).filter((target) => target !== ''),
            targetBy:
              options.targetLabel === undefined ? undefined : { by: 'label', key: options.targetLabel },
            healthyWindowSeconds: options.healthyWindow,
          },
        },
        RolloutView,
      );
      if (!options.wait) {
        if (options.json) return writeJson(io.stdout, rollout);
        return writeLine(io.stdout, `${startedLine(rollout)}\n\n${rolloutText(rollout)}`);
      }
      if (!options.json) await writeLine(io.stdout, startedLine(rollout));
      await followRollout(io, {
        api,
        namespace: options.namespace,
        rollout,
        display: rolloutDisplay(io.stdout, { json: options.json }),
        timeoutSeconds: options.timeout,
      });
    });
}

function startedLine(rollout: RolloutView): string {
  return `rollout ${rollout.rolloutId} started: ${rollout.pool} -> v${rollout.version}, ${describeStrategy(rollout.strategy)}, ${rollout.targets.length} target${rollout.targets.length === 1 ? '' : 's'}`;
}
