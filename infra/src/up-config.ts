import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const subjectToken = /^[A-Za-z0-9_-]{1,64}$/;

/** What `./dev up` reads from the environment; the rest (DATABASE_URL, NATS_URL) is InfraEnv's. */
export const UpEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ROLLCALL_ADMIN_TOKEN: z.string().min(16).optional(),
  ROLLCALL_SUBJECT_PREFIX: z.string().regex(subjectToken).default('rollcall'),
});
export type UpEnv = z.infer<typeof UpEnv>;

export interface UpConfig extends Omit<UpEnv, 'ROLLCALL_ADMIN_TOKEN'> {
  ROLLCALL_ADMIN_TOKEN: string;
  /** True when the token was made up here (it is printed so an operator can use it). */
  adminTokenGenerated: boolean;
}

/** Parses the environment; `newToken` makes the admin token when none is set. */
export function loadUpConfig(
  env: NodeJS.ProcessEnv,
  newToken: () => string = () => randomBytes(24).toString('base64url'),
): UpConfig {
  const parsed = UpEnv.safeParse({
    PORT: env.PORT || undefined,
    LOG_LEVEL: env.LOG_LEVEL || undefined,
    ROLLCALL_ADMIN_TOKEN: env.ROLLCALL_ADMIN_TOKEN || undefined,
    ROLLCALL_SUBJECT_PREFIX: env.ROLLCALL_SUBJECT_PREFIX || undefined,
  });
  if (!parsed.success) {
    throw new Error(`invalid environment: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}`);
  }
  const { ROLLCALL_ADMIN_TOKEN, ...rest } = parsed.data;
  return {
    ...rest,
    ROLLCALL_ADMIN_TOKEN: ROLLCALL_ADMIN_TOKEN ?? newToken(),
    adminTokenGenerated: ROLLCALL_ADMIN_TOKEN === undefined,
  };
}

/**
 * The level the services log at: LOG_LEVEL when the environment sets it; otherwise `warn` when the demo
 * runs (its own lines tell what happens, and info logs would bury them), `info` without it.
 */
export function servicesLogLevel(
  env: NodeJS.ProcessEnv,
  config: UpConfig,
  demo: boolean,
): UpEnv['LOG_LEVEL'] {
  if (env.LOG_LEVEL || !demo) return config.LOG_LEVEL;
  return 'warn';
}
