// vitest globalSetup: finds (or starts) one Postgres and one NATS for the whole run and hands their URLs to
// every test file as `inject('databaseUrl')` / `inject('natsUrl')`.
import {
  findNats,
  findPostgres,
  type NatsHandle,
  type PostgresHandle,
  readInfraEnv,
  redact,
  startEmbeddedPostgres,
  startNatsServer,
} from '@rollcall/infra';
import type { TestProject } from 'vitest/node';
import { containerRuntimeAnswers } from './container-runtime';
import './provided-context';
import { TestInfraUnavailableError } from './test-infra-unavailable-error';

const say = (line: string) => process.stderr.write(`testkit: ${line}\n`);

async function provide<H>(what: string, howToProvide: string, attempts: () => Promise<H>): Promise<H> {
  try {
    return await attempts();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new TestInfraUnavailableError(`no ${what} for the tests: ${why}\n${howToProvide}`, {
      cause: error,
    });
  }
}

export default async function setup(project: TestProject) {
  const forced = readInfraEnv().ROLLCALL_EMBEDDED;
  // Asked at most once, and only when a service is missing: `docker info` can take seconds to fail.
  let useContainers: Promise<boolean> | undefined;
  const containers = () => {
    useContainers ??= forced ? Promise.resolve(false) : containerRuntimeAnswers();
    return useContainers;
  };

  const postgres: PostgresHandle = await provide(
    'Postgres',
    'Set DATABASE_URL, run Postgres on 127.0.0.1:5432 (trust auth for user postgres), or start Docker.',
    async () =>
      (await findPostgres({ log: say })) ??
      ((await containers())
        ? await (await import('./test-containers')).startPostgresContainer()
        : await startEmbeddedPostgres({ log: say })),
  );
  let nats: NatsHandle;
  try {
    nats = await provide(
      'NATS',
      'Set NATS_URL, run `nats-server -js` on 127.0.0.1:4222, install nats-server, or start Docker.',
      async () =>
        (await findNats({ log: say })) ??
        ((await containers())
          ? await (await import('./test-containers')).startNatsContainer()
          : await startNatsServer({ log: say })),
    );
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  say(`postgres: ${postgres.source} at ${redact(postgres.url)}; nats: ${nats.source} at ${nats.url}`);

  project.provide('databaseUrl', postgres.url);
  project.provide('natsUrl', nats.url);

  return async () => {
    await nats.stop();
    await postgres.stop();
  };
}
