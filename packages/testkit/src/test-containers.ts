import type { NatsHandle, PostgresHandle } from '@rollcall/infra';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { GenericContainer, Wait } from 'testcontainers';

/** Postgres 15, as in docker-compose.yml, in a throwaway container. */
export async function startPostgresContainer(): Promise<PostgresHandle> {
  const container = await new PostgreSqlContainer('postgres:15').withDatabase('postgres').start();
  return {
    url: container.getConnectionUri(),
    source: 'container',
    stop: async () => {
      await container.stop();
    },
  };
}

/** nats:2 with JetStream in a throwaway container. */
export async function startNatsContainer(): Promise<NatsHandle> {
  const container = await new GenericContainer('nats:2')
    .withCommand(['-js'])
    .withExposedPorts(4222)
    .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
    .start();
  return {
    url: `nats://${container.getHost()}:${container.getMappedPort(4222)}`,
    source: 'container',
    stop: async () => {
      await container.stop();
    },
  };
}
