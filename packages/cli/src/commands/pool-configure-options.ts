import { Labels, Namespace, PoolName } from '@rollcall/contracts';
import type { Command } from 'commander';
import { z } from 'zod';
import { ApiOptions } from '../options/api-options';
import { intArg } from '../options/number-arg';
import { UsageError } from '../usage-error';
import { FailureThresholdArg, PinArg, repeated, TargetConfigArg } from './pool-configure-args';
import type { PoolConfigChanges } from './pool-configure-changes';
import { RolloutStrategyFlags, strategyOf, withRolloutStrategyFlags } from './rollout-strategy-flags';

/** The flags of `rollcall pools configure`, as commander collects them (strings and booleans). */
export const PoolConfigureOptions = ApiOptions.extend({
  namespace: Namespace,
  pool: PoolName,
  drainOnUpgrade: z.boolean().optional(),
  drainTimeout: intArg(z.int32().min(1, { error: 'must be at least 1 second' })).optional(),
  autoUpgrade: z.boolean().optional(),
  maxVersionStep: intArg(z.int32().min(1, { error: 'must be at least 1' })).optional(),
  healthyWindow: intArg(z.int32().min(0, { error: 'must be 0 or more seconds' })).optional(),
  failureThreshold: FailureThresholdArg.optional(),
  autoRollback: z.boolean().optional(),
  targetLabel: Labels.keyType.optional(),
  targetServers: z.boolean().optional(),
  pin: z.array(PinArg).default([]),
  targetConfig: z.array(TargetConfigArg).default([]),
}).extend(RolloutStrategyFlags.shape);
export type PoolConfigureOptions = z.output<typeof PoolConfigureOptions>;

/** Declares every setting of a pool's config as a flag; each one left out keeps the pool's current value. */
export function withPoolConfigFlags(command: Command): Command {
  return withRolloutStrategyFlags(
    command
      .option('--drain-on-upgrade', "a newer version's runner drains the older ones it supersedes")
      .option('--no-drain-on-upgrade', 'older runners keep serving when a newer version connects')
      .option('--drain-timeout <seconds>', 'how long a draining runner may stay busy before it is stopped')
      .option(
        '--auto-upgrade',
        "a newly published version rolls out by itself (with the pool's rollout defaults)",
      )
      .option('--no-auto-upgrade', 'published versions roll out only when an operator starts them')
      .option('--max-version-step <n>', 'refuse runners claiming more than the highest known version plus n'),
  )
    .option('--target-label <key>', 'rollouts: targets are the values of this runner label')
    .option('--target-servers', 'rollouts: targets are servers (the default)')
    .option('--healthy-window <seconds>', 'rollouts: how long new runners must stay healthy')
    .option(
      '--failure-threshold <n|p%>',
      'rollouts: failed targets that stop one, a count (2) or a share (25%)',
    )
    .option('--auto-rollback', 'rollouts: crossing the failure threshold rolls the moved targets back')
    .option('--no-auto-rollback', 'rollouts: crossing the failure threshold only stops the rollout')
    .option(
      '--pin <target=version>',
      'keep a target on a version (rollouts to another skip it); <target>=none unpins (repeatable)',
      repeated,
    )
    .option(
      '--target-config <target=json>',
      "replace a target's extra config with a JSON object; <target>=null removes it (repeatable)",
      repeated,
    );
}

/** The settings the flags change; the strategy flags go through `rollout start`'s own rules. */
export function changesOf(options: PoolConfigureOptions): PoolConfigChanges {
  if (options.targetLabel !== undefined && options.targetServers === true)
    throw new UsageError('--target-label, --target-servers: give one of them');
  const targetBy =
    options.targetLabel !== undefined
      ? ({ by: 'label', key: options.targetLabel } as const)
      : options.targetServers === true
        ? ({ by: 'server' } as const)
        : undefined;
  return {
    drainOnVersionUpgrade: options.drainOnUpgrade,
    drainTimeoutSeconds: options.drainTimeout,
    autoUpgrade: options.autoUpgrade,
    maxVersionStep: options.maxVersionStep,
    strategy: strategyOf(options),
    targetBy,
    healthyWindowSeconds: options.healthyWindow,
    failureThreshold: options.failureThreshold,
    autoRollback: options.autoRollback,
    pins: options.pin,
    targetConfigs: options.targetConfig,
  };
}
