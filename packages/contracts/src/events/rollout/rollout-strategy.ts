import { z } from 'zod';

export const RollingStrategy = z.object({
  kind: z.literal('rolling'),
  batchSize: z.int32().min(1).describe('Targets moving at the same time (begun and not yet done).'),
  maxUnavailable: z
    .int32()
    .min(1)
    .describe('Of those, targets whose new runners are not yet proven healthy at the same time.'),
});
export type RollingStrategy = z.infer<typeof RollingStrategy>;

export const CanaryStrategy = z
  .object({
    kind: z.literal('canary'),
    canaryShare: z.number().gt(0).lt(1).optional().describe('Share of the targets moved first, 0 < x < 1.'),
    canaryCount: z.int32().min(1).optional().describe('Number of targets moved first.'),
    gate: z
      .enum(['health', 'approval'])
      .describe('What lets the rest follow: the canaries done and healthy, or an operator approval.'),
  })
  .refine((canary) => (canary.canaryShare === undefined) !== (canary.canaryCount === undefined), {
    error: 'give exactly one of canaryShare and canaryCount',
    path: ['canaryShare'],
  });
export type CanaryStrategy = z.infer<typeof CanaryStrategy>;

export const AllAtOnceStrategy = z.object({ kind: z.literal('all-at-once') });
export type AllAtOnceStrategy = z.infer<typeof AllAtOnceStrategy>;

/** How a rollout paces its targets. */
export const RolloutStrategy = z
  .discriminatedUnion('kind', [RollingStrategy, CanaryStrategy, AllAtOnceStrategy])
  .describe('rolling, canary or all-at-once.');
export type RolloutStrategy = z.infer<typeof RolloutStrategy>;
