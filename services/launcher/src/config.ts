import { Namespace, ServerId } from '@rollcall/contracts';
import { BaseServiceEnv, envPort } from '@rollcall/service-kit';
import { z } from 'zod';

/**
 * The local launcher's environment: the base variables without a database (it keeps no log of its own),
 * the one namespace and server it serves, where it keeps its artifact cache and runner logs, and how long a
 * stopped runner has to exit before it is killed.
 */
export const LauncherEnv = BaseServiceEnv.omit({ DATABASE_URL: true }).extend({
  PORT: envPort(8084),
  ROLLCALL_NAMESPACE: Namespace.default('default').describe(
    'set ROLLCALL_NAMESPACE to the namespace whose launcher subjects to serve (default "default")',
  ),
  ROLLCALL_SERVER_ID: ServerId.describe(
    'set ROLLCALL_SERVER_ID to the server this launcher starts runners on, e.g. server-1 (letters, digits, _ and -)',
  ),
  ROLLCALL_LAUNCHER_STATE_DIR: z
    .string()
    .min(1)
    .optional()
    .describe(
      'set ROLLCALL_LAUNCHER_STATE_DIR to the folder for the artifact cache and runner logs (default .rollcall/launcher/<serverId>)',
    ),
  ROLLCALL_LAUNCHER_STOP_GRACE_MS: z.coerce
    .number({ error: 'must be an integer from 0 to 10000' })
    .int({ error: 'must be an integer from 0 to 10000' })
    .min(0, { error: 'must be an integer from 0 to 10000' })
    .max(10_000, { error: 'must be an integer from 0 to 10000' })
    .default(5000)
    .describe(
      'set ROLLCALL_LAUNCHER_STOP_GRACE_MS to the milliseconds a runner told to stop has before SIGKILL (default 5000)',
    ),
});
export type LauncherEnv = z.infer<typeof LauncherEnv>;
