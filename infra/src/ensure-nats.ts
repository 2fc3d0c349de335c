import { readInfraEnv } from './infra-env';
import { InfraError } from './infra-error';
import type { Log } from './log';
import type { NatsHandle } from './nats-handle';
import { type StartNatsServerOptions, startNatsServer } from './nats-server';
import { probeNats } from './probe-nats';

export const localNatsUrl = 'nats://127.0.0.1:4222';

export interface FindNatsOptions {
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  log?: Log;
  /** How long each connection attempt may take. In milliseconds. @default 2000 */
  connectTimeoutMs?: number;
}

const notOurs = async () => {};

/**
 * A NATS with JetStream someone else runs: NATS_URL when set (it must answer and have JetStream), else the
 * default local server if it does. Undefined when there is none, or when ROLLCALL_EMBEDDED=1 asks for our own.
 */
export async function findNats(options: FindNatsOptions = {}): Promise<NatsHandle | undefined> {
  const env = readInfraEnv(options.env);
  if (env.ROLLCALL_EMBEDDED) return undefined;
  if (env.NATS_URL !== undefined) {
    const probe = await probeNats(env.NATS_URL, options.connectTimeoutMs);
    if (!probe.ok) {
      const problem =
        probe.reason === 'unreachable'
          ? `does not answer (${probe.error.message})`
          : 'answers but JetStream is not enabled (start nats-server with -js)';
      throw new InfraError(
        `NATS_URL (${env.NATS_URL}) ${problem}. Fix that server or the URL, or unset NATS_URL to use a local one.`,
        { cause: probe.error },
      );
    }
    return { url: env.NATS_URL, source: 'env', stop: notOurs };
  }
  const probe = await probeNats(localNatsUrl, options.connectTimeoutMs);
  if (probe.ok) return { url: localNatsUrl, source: 'local', stop: notOurs };
  options.log?.(
    probe.reason === 'unreachable'
      ? `no NATS answers at ${localNatsUrl}`
      : `the NATS at ${localNatsUrl} has no JetStream; not using it`,
  );
  return undefined;
}

export type EnsureNatsOptions = FindNatsOptions & StartNatsServerOptions;

/** NATS_URL, else the default local NATS, else a nats-server we start (installing it if we must and can). */
export async function ensureNats(options: EnsureNatsOptions = {}): Promise<NatsHandle> {
  return (await findNats(options)) ?? (await startNatsServer(options));
}
