import { BaseServiceEnv, envPort } from '@rollcall/service-kit';
import type { z } from 'zod';

/** The registry service's environment: the base variables, on its own default port. */
export const RegistryEnv = BaseServiceEnv.extend({ PORT: envPort(8081) });
export type RegistryEnv = z.infer<typeof RegistryEnv>;
