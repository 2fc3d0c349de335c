import { z } from 'zod';

/** Settings handed to the runners of one target through the launcher (`config` of its start request). */
export const TargetConfig = z.record(z.string(), z.unknown()).describe('Settings passed to the runner.');
export type TargetConfig = z.infer<typeof TargetConfig>;
