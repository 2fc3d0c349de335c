import { z } from 'zod';
import { Version } from '../../version';
import { TargetConfig } from './target-config';

/** An operator's settings for one target of a pool, kept across every rollout. */
export const TargetSettings = z
  .object({
    pinnedVersion: Version.optional().describe(
      'The target stays on this version: rollouts to another skip it.',
    ),
    extraConfig: TargetConfig.optional().describe('Settings merged over the config the target runs with.'),
  })
  .strict()
  .describe('Target-level settings: a pinned version and extra config.');
export type TargetSettings = z.infer<typeof TargetSettings>;
