import { DEFAULT_SUBJECT_PREFIX, SubjectPrefix } from '@rollcall/contracts';
import { z } from 'zod';

export const DEFAULT_API_URL = 'http://127.0.0.1:8080';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** `--json`: machine output (one JSON document, or NDJSON for event streams) instead of text and tables. */
export const JsonFlag = z.boolean().default(false);

/** `--api`: the Rollcall HTTP API's base URL. */
export const ApiUrl = z.url({
  protocol: /^https?$/,
  error: 'must be an http(s) URL, e.g. http://127.0.0.1:8080 (flag or ROLLCALL_API_URL)',
});

/** `--token`: sent as `Authorization: Bearer`. */
export const ApiToken = z.string().min(1, { error: 'must not be empty' }).optional();

/** `--database-url`: the event log's Postgres, for commands that work on the log directly. */
export const DatabaseUrl = z
  .string()
  .refine((url) => URL.canParse(url) && /^postgres(?:ql)?:$/.test(new URL(url).protocol), {
    error: 'must be a postgres:// URL (flag or DATABASE_URL)',
  });

/** `--nats-url`: one NATS URL or several separated by commas. */
export const NatsUrl = z.string().refine((urls) => urls.split(',').every((url) => URL.canParse(url.trim())), {
  error: 'must be a NATS URL (or a comma-separated list), e.g. nats://127.0.0.1:4222 (flag or NATS_URL)',
});

/** `--prefix`: the NATS subject prefix. */
export const PrefixOption = SubjectPrefix;

/** What an unset global flag falls back to: the environment, then the local defaults of `./dev up`. */
export function globalDefaults(env: Readonly<Record<string, string | undefined>>) {
  return {
    api: env.ROLLCALL_API_URL ?? DEFAULT_API_URL,
    token: env.ROLLCALL_TOKEN,
    databaseUrl: env.DATABASE_URL,
    natsUrl: env.NATS_URL ?? DEFAULT_NATS_URL,
    prefix: env.ROLLCALL_SUBJECT_PREFIX ?? DEFAULT_SUBJECT_PREFIX,
  };
}
