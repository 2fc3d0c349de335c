import { z } from 'zod';
import { LauncherErrorClass } from '../../wire/launcher-start-reply';

/**
 * Why a target failed: a launcher's error class, `unhealthy` (its new runners did not stay healthy for the
 * window), or `restore_failed` (its previous version could not be brought back).
 */
export const TargetErrorClass = z.enum([...LauncherErrorClass.options, 'unhealthy', 'restore_failed']);
export type TargetErrorClass = z.infer<typeof TargetErrorClass>;

export const TargetError = z.object({
  class: TargetErrorClass,
  message: z.string().max(4096),
});
export type TargetError = z.infer<typeof TargetError>;
