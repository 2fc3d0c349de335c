import { Namespace, RolloutAbortedData, RolloutId, RolloutView } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { requestApiJson } from '../http/request-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { writeJson, writeLine } from '../output/write-line';
import { describeRollout } from './rollout-text';

const SteerOptions = ApiOptions.extend({
  namespace: Namespace,
  rolloutId: RolloutId,
  reason: RolloutAbortedData.shape.reason,
});

/** The steering actions, each with what it does (the API's path segment is the name). */
const STEERING = {
  pause: 'pause a rollout: no further target begins',
  resume: 'resume a paused rollout',
  abort: 'abort a rollout: targets not begun are skipped, moving ones undone',
  rollback: 'roll a rollout back: every moved target returns to its previous version and config',
  approve: "approve a canary rollout's gate: the other targets follow",
  reject: "reject a canary rollout's gate: the rollout rolls back",
} as const;
export type SteeringAction = keyof typeof STEERING;

/** `rollcall rollout pause|resume|abort|rollback|approve|reject <id>` (HTTP API, operator token). */
export function rolloutSteerCommands(io: CliIo): Command[] {
  return Object.entries(STEERING).map(([action, description]) => {
    const command = new Command(action)
      .description(`${description} (HTTP API)`)
      .argument('<rolloutId>', 'the rollout');
    command.option('--namespace <ns>', 'namespace');
    if (action === 'abort' || action === 'reject') command.option('--reason <text>', 'why, recorded with it');
    return command.action(async (rolloutId: string, _options: unknown, self: Command) => {
      const options = commandOptions(self, io, SteerOptions, { rolloutId }, { rolloutId: '<rolloutId>' });
      const rollout = await requestApiJson(
        apiTarget(options, io),
        {
          method: 'POST',
          path: `/v1/namespaces/${options.namespace}/rollouts/${options.rolloutId}/${action}`,
          ...(options.reason === undefined ? {} : { body: { reason: options.reason } }),
        },
        RolloutView,
      );
      if (options.json) return writeJson(io.stdout, rollout);
      await writeLine(io.stdout, describeRollout(rollout));
    });
  });
}
