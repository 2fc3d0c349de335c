import { BaseServiceEnv, envPort } from '@rollcall/service-kit';
import { z } from 'zod';

/** The api service's environment: the base variables, on its own default port, and whether reads need a token. */
export const ApiEnv = BaseServiceEnv.extend({
  PORT: envPort(8080),
  ROLLCALL_ANONYMOUS_READS: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true')
    .describe(
      'set ROLLCALL_ANONYMOUS_READS to true to let requests without a token read (as viewers), or false (default)',
    ),
});
export type ApiEnv = z.infer<typeof ApiEnv>;
