import { z } from 'zod';

/** A place a pool runs: a server id, or the value of a label such as `workspace`. */
export const TargetId = z.string().min(1).max(256).describe('Server id or label value the rollout moves.');
export type TargetId = z.infer<typeof TargetId>;
