import { z } from 'zod';

/** The environment bring-up and the test harness read to find Postgres and NATS. */
export const InfraEnv = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  NATS_URL: z.string().min(1).optional(),
  /** `1` skips DATABASE_URL/NATS_URL and the local defaults and starts our own servers. */
  ROLLCALL_EMBEDDED: z
    .enum(['0', '1', ''])
    .optional()
    .transform((v) => v === '1'),
});
export type InfraEnv = z.infer<typeof InfraEnv>;

/** Parses `env` once; an invalid value fails with the variable's name. */
export function readInfraEnv(env: NodeJS.ProcessEnv = process.env): InfraEnv {
  const parsed = InfraEnv.safeParse({
    DATABASE_URL: env.DATABASE_URL || undefined,
    NATS_URL: env.NATS_URL || undefined,
    ROLLCALL_EMBEDDED: env.ROLLCALL_EMBEDDED,
  });
  if (!parsed.success) {
    throw new Error(`invalid environment: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}`);
  }
  return parsed.data;
}
