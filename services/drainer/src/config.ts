import { BaseServiceEnv, envPort } from '@rollcall/service-kit';
import type { z } from 'zod';

/** The drainer service's environment: the base variables, on its own default port. */
export const DrainerEnv = BaseServiceEnv.extend({ PORT: envPort(8082) });
export type DrainerEnv = z.infer<typeof DrainerEnv>;
