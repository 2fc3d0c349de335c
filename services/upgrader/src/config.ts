import { BaseServiceEnv, envPort } from '@rollcall/service-kit';
import type { z } from 'zod';

/** The upgrader service's environment: the base variables, on its own default port. */
export const UpgraderEnv = BaseServiceEnv.extend({ PORT: envPort(8083) });
export type UpgraderEnv = z.infer<typeof UpgraderEnv>;
