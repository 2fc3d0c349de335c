import { DEFAULT_SUBJECT_PREFIX, SubjectPrefix } from '@rollcall/contracts';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The TCP port a service listens on; each service picks its own default so they can share a host. */
export function envPort(defaultPort: number) {
  return z.coerce
    .number({ error: 'must be an integer from 1 to 65535' })
    .int({ error: 'must be an integer from 1 to 65535' })
    .min(1, { error: 'must be an integer from 1 to 65535' })
    .max(65535, { error: 'must be an integer from 1 to 65535' })
    .default(defaultPort)
    .describe(`set PORT to a free TCP port from 1 to 65535 (default ${defaultPort})`);
}

function isNatsServerList(value: string): boolean {
  return value.split(',').every((entry) => {
    const trimmed = entry.trim();
    return URL.canParse(trimmed) && ['nats:', 'tls:'].includes(new URL(trimmed).protocol);
  });
}

/** What every Rollcall service reads from its environment; services `.extend()` it. */
export const BaseServiceEnv = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
    .describe('set DATABASE_URL to a Postgres URL, e.g. postgres://postgres@127.0.0.1:5432/rollcall'),
  NATS_URL: z
    .string()
    .refine(isNatsServerList, { error: 'must be one or more comma-separated nats:// or tls:// URLs' })
    .default('nats://127.0.0.1:4222')
    .describe('set NATS_URL to the NATS server, e.g. nats://127.0.0.1:4222'),
  PORT: envPort(8080),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info')
    .describe(`set LOG_LEVEL to one of ${LOG_LEVELS.join(', ')}`),
  ROLLCALL_SUBJECT_PREFIX: SubjectPrefix.default(DEFAULT_SUBJECT_PREFIX).describe(
    'set ROLLCALL_SUBJECT_PREFIX to dot-separated tokens such as rollcall or acme.rollcall',
  ),
  ROLLCALL_ADMIN_TOKEN: z
    .string()
    .min(16, { error: 'must be at least 16 characters' })
    .optional()
    .describe('set ROLLCALL_ADMIN_TOKEN to a random secret of 16 or more characters, or leave it unset'),
});
export type BaseServiceEnv = z.infer<typeof BaseServiceEnv>;
