import type { RolloutStrategy } from '@rollcall/contracts';
import type { Command } from 'commander';
import { z } from 'zod';
import { decimalArg, intArg } from '../options/number-arg';
import { UsageError } from '../usage-error';

/** `--strategy` and the flags that shape it, as `rollcall rollout start` takes them. */
export const RolloutStrategyFlags = z.object({
  strategy: z
    .enum(['rolling', 'canary', 'all-at-once'], { error: 'must be rolling, canary or all-at-once' })
    .optional(),
  batchSize: intArg(z.int().min(1, { error: 'must be at least 1' })).optional(),
  maxUnavailable: intArg(z.int().min(1, { error: 'must be at least 1' })).optional(),
  canaryCount: intArg(z.int().min(1, { error: 'must be at least 1' })).optional(),
  canaryShare: decimalArg(z.number().gt(0).lt(1, { error: 'must be between 0 and 1' })).optional(),
  gate: z.enum(['health', 'approval'], { error: 'must be health or approval' }).optional(),
});
export type RolloutStrategyFlags = z.output<typeof RolloutStrategyFlags>;

const ROLLING_FLAGS = ['batchSize', 'maxUnavailable'] as const;
const CANARY_FLAGS = ['canaryCount', 'canaryShare', 'gate'] as const;
const FLAG_NAMES: Record<(typeof ROLLING_FLAGS | typeof CANARY_FLAGS)[number], string> = {
  batchSize: '--batch-size',
  maxUnavailable: '--max-unavailable',
  canaryCount: '--canary-count',
  canaryShare: '--canary-share',
  gate: '--gate',
};

export function withRolloutStrategyFlags(command: Command): Command {
  return command
    .option('--strategy <kind>', "rolling, canary or all-at-once (default: the pool's rolloutDefaults)")
    .option('--batch-size <n>', 'rolling: targets moving at once (default 1)')
    .option(
      '--max-unavailable <n>',
      'rolling: of those, targets not yet proven healthy (default: batch size)',
    )
    .option('--canary-count <n>', 'canary: targets moved before the gate (default 1)')
    .option('--canary-share <x>', 'canary: share of the targets moved before the gate, 0 < x < 1')
    .option(
      '--gate <gate>',
      'canary: health (the canaries stay healthy) or approval (an operator approves); default health',
    );
}

/** Refuses flags of another strategy, so a typo never silently runs another rollout than the one meant. */
function refuseFlags(flags: RolloutStrategyFlags, names: readonly (keyof typeof FLAG_NAMES)[], why: string) {
  const given = names.filter((name) => flags[name] !== undefined);
  if (given.length > 0) throw new UsageError(`${given.map((name) => FLAG_NAMES[name]).join(', ')}: ${why}`);
}

/** The strategy the flags ask for, with their defaults; undefined to leave it to the pool's defaults. */
export function strategyOf(flags: RolloutStrategyFlags): RolloutStrategy | undefined {
  switch (flags.strategy) {
    case undefined:
      refuseFlags(flags, [...ROLLING_FLAGS, ...CANARY_FLAGS], 'give --strategy too');
      return undefined;
    case 'rolling': {
      refuseFlags(flags, CANARY_FLAGS, 'only go with --strategy canary');
      const batchSize = flags.batchSize ?? 1;
      return { kind: 'rolling', batchSize, maxUnavailable: flags.maxUnavailable ?? batchSize };
    }
    case 'canary': {
      refuseFlags(flags, ROLLING_FLAGS, 'only go with --strategy rolling');
      if (flags.canaryCount !== undefined && flags.canaryShare !== undefined) {
        throw new UsageError('--canary-count, --canary-share: give one of them');
      }
      const size =
        flags.canaryShare === undefined
          ? { canaryCount: flags.canaryCount ?? 1 }
          : { canaryShare: flags.canaryShare };
      return { kind: 'canary', ...size, gate: flags.gate ?? 'health' };
    }
    case 'all-at-once':
      refuseFlags(flags, [...ROLLING_FLAGS, ...CANARY_FLAGS], 'do not go with --strategy all-at-once');
      return { kind: 'all-at-once' };
  }
}
