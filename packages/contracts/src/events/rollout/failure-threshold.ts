import { z } from 'zod';

/** The rollout stops as soon as its failed targets reach this count, or this share of its targets. */
export const FailureThreshold = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('count'), count: z.int32().min(1) }),
    z.object({ kind: z.literal('share'), share: z.number().gt(0).max(1) }),
  ])
  .describe('Failed targets that stop the rollout: a count, or a share (0 < x <= 1) of the targets.');
export type FailureThreshold = z.infer<typeof FailureThreshold>;
