import { z } from 'zod';
import { Version } from '../../version';
import { TargetConfig } from './target-config';
import { TargetId } from './target-id';

/** One target as the rollout starts: its state before (the backup to return to) and its own settings. */
export const RolloutTarget = z.object({
  targetId: TargetId,
  previousVersion: Version.describe('Version the target runs before the rollout.'),
  previousConfig: TargetConfig.describe('Config the target runs with before the rollout.'),
  pinnedVersion: Version.optional().describe('The target stays on this version: another one skips it.'),
  extraConfig: TargetConfig.optional().describe('Target-level settings kept across upgrades.'),
});
export type RolloutTarget = z.infer<typeof RolloutTarget>;
