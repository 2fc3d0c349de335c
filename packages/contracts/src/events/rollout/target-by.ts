import { z } from 'zod';
import { Labels } from '../../labels';

/** What a rollout's target ids name: servers (`serverId`) or the values of one runner label. */
export const TargetBy = z
  .discriminatedUnion('by', [
    z.object({ by: z.literal('server') }),
    z.object({ by: z.literal('label'), key: Labels.keyType }),
  ])
  .describe('Whether targets are servers or the values of a runner label.');
export type TargetBy = z.infer<typeof TargetBy>;
