import { BaseServiceEnv, envPort } from '@rollcall/service-kit';
import { z } from 'zod';

/** The drainer service's environment: the base variables, on its own default port, plus the stop grace. */
export const DrainerEnv = BaseServiceEnv.extend({
  PORT: envPort(8082),
  ROLLCALL_STOP_GRACE_SECONDS: z.coerce
    .number({ error: 'must be an integer from 1 to 86400' })
    .int({ error: 'must be an integer from 1 to 86400' })
    .min(1, { error: 'must be an integer from 1 to 86400' })
    .max(86400, { error: 'must be an integer from 1 to 86400' })
    .default(30)
    .describe(
      'set ROLLCALL_STOP_GRACE_SECONDS to the seconds a runner told to stop has to disconnect before it is marked lost (default 30)',
    ),
});
export type DrainerEnv = z.infer<typeof DrainerEnv>;
