import { BaseServiceEnv, envPort } from '@rollcall/service-kit';
import type { z } from 'zod';

/** The api service's environment: the base variables, on its own default port. */
export const ApiEnv = BaseServiceEnv.extend({ PORT: envPort(8080) });
export type ApiEnv = z.infer<typeof ApiEnv>;
