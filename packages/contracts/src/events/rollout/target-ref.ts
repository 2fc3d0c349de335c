import type { z } from 'zod';
import { RolloutRef } from './rollout-ref';
import { TargetId } from './target-id';

/** What every event about one target of a rollout names. */
export const TargetRef = RolloutRef.extend({ targetId: TargetId });
export type TargetRef = z.infer<typeof TargetRef>;
