import { BaseServiceEnv, envPort } from '@rollcall/service-kit';
import { z } from 'zod';

/** The registry service's environment: the base variables, on its own default port, plus liveness. */
export const RegistryEnv = BaseServiceEnv.extend({
  PORT: envPort(8081),
  ROLLCALL_HEARTBEAT_INTERVAL_SECONDS: z.coerce
    .number({ error: 'must be an integer from 1 to 3600' })
    .int({ error: 'must be an integer from 1 to 3600' })
    .min(1, { error: 'must be an integer from 1 to 3600' })
    .max(3600, { error: 'must be an integer from 1 to 3600' })
    .default(5)
    .describe('set ROLLCALL_HEARTBEAT_INTERVAL_SECONDS to the seconds between runner heartbeats (default 5)'),
  ROLLCALL_MISSED_HEARTBEATS: z.coerce
    .number({ error: 'must be an integer from 1 to 100' })
    .int({ error: 'must be an integer from 1 to 100' })
    .min(1, { error: 'must be an integer from 1 to 100' })
    .max(100, { error: 'must be an integer from 1 to 100' })
    .default(3)
    .describe(
      'set ROLLCALL_MISSED_HEARTBEATS to the heartbeats a runner may miss before it is lost (default 3)',
    ),
  // Every replica makes the ingest stream match this at start, so a stream raised to R3 by hand would be put
  // back to the default: on a NATS cluster this is where R3 is set.
  ROLLCALL_STREAM_REPLICAS: z.coerce
    .number({ error: 'must be an integer from 1 to 5' })
    .int({ error: 'must be an integer from 1 to 5' })
    .min(1, { error: 'must be an integer from 1 to 5' })
    .max(5, { error: 'must be an integer from 1 to 5' })
    .default(1)
    .describe(
      'set ROLLCALL_STREAM_REPLICAS to the copies of the runner ingest stream a NATS cluster keeps (3 in production; default 1)',
    ),
});
export type RegistryEnv = z.infer<typeof RegistryEnv>;
