import { type StartEmbeddedPostgresOptions, startEmbeddedPostgres } from './embedded-postgres';
import { readInfraEnv } from './infra-env';
import { InfraError } from './infra-error';
import type { Log } from './log';
import type { PostgresHandle } from './postgres-handle';
import { probePostgres } from './probe-postgres';

export const localPostgresUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface FindPostgresOptions {
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  log?: Log;
  /** How long each connection attempt may take. In milliseconds. @default 2000 */
  connectTimeoutMs?: number;
}

const notOurs = async () => {};

/**
 * A Postgres someone else runs: DATABASE_URL when set (and it must answer), else the default local server
 * if it answers. Undefined when there is none, or when ROLLCALL_EMBEDDED=1 asks for our own.
 */
export async function findPostgres(options: FindPostgresOptions = {}): Promise<PostgresHandle | undefined> {
  const env = readInfraEnv(options.env);
  if (env.ROLLCALL_EMBEDDED) return undefined;
  if (env.DATABASE_URL !== undefined) {
    const probe = await probePostgres(env.DATABASE_URL, options.connectTimeoutMs);
    if (!probe.ok) {
      throw new InfraError(
        `DATABASE_URL (${redact(env.DATABASE_URL)}) does not answer: ${probe.error.message}. Start that Postgres, fix the URL, or unset DATABASE_URL to use a local or embedded one.`,
        { cause: probe.error },
      );
    }
    return { url: env.DATABASE_URL, source: 'env', stop: notOurs };
  }
  if ((await probePostgres(localPostgresUrl, options.connectTimeoutMs)).ok) {
    return { url: localPostgresUrl, source: 'local', stop: notOurs };
  }
  options.log?.(`no Postgres answers at ${localPostgresUrl}`);
  return undefined;
}

export type EnsurePostgresOptions = FindPostgresOptions & StartEmbeddedPostgresOptions;

/** DATABASE_URL, else the default local Postgres, else the embedded one (started, or reused if running). */
export async function ensurePostgres(options: EnsurePostgresOptions = {}): Promise<PostgresHandle> {
  return (await findPostgres(options)) ?? (await startEmbeddedPostgres(options));
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
