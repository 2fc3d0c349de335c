import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { checkReachable } from './check-reachable';
import { postgresReadiness } from './postgres-readiness';
import type { ReadinessCheck } from './readiness-check';
import type { ServiceContext } from './run-service';

/** What a service needs of a NATS connection to close it on shutdown. */
export interface DrainableConnection {
  drain(): Promise<void>;
}

// The event log and the bus are passed in, not imported: service-kit sits below both packages.
export interface ConnectServiceDependenciesOptions<Db, Nc extends DrainableConnection> {
  /** The short service name, e.g. `registry`; connections are named `rollcall-<service>`. */
  service: string;
  config: { DATABASE_URL: string; NATS_URL: string };
  logger: Logger;
  onShutdown: ServiceContext['onShutdown'];
  postgres: {
    create: (options: { connectionString: string; applicationName: string }) => Kysely<Db>;
    /** Run one after the other, once Postgres answers. */
    migrations: readonly ((db: Kysely<Db>) => Promise<void>)[];
  };
  nats: {
    connect: (options: { url: string; name: string; logger: Logger }) => Promise<Nc>;
    readiness: (nc: Nc) => ReadinessCheck;
  };
}

export interface ServiceDependencies<Db, Nc> {
  db: Kysely<Db>;
  nc: Nc;
  /** Postgres and NATS, for the service's GET /readyz. */
  readiness: readonly ReadinessCheck[];
}

/**
 * The start-up every service shares: a Postgres pool that must answer (else start-up fails with one line
 * saying where it looked), its migrations, then NATS. Each registers its shutdown step as soon as it
 * exists, so shutdown drains NATS before it destroys the pool.
 */
export async function connectServiceDependencies<Db, Nc extends DrainableConnection>({
  service,
  config,
  logger,
  onShutdown,
  postgres,
  nats,
}: ConnectServiceDependenciesOptions<Db, Nc>): Promise<ServiceDependencies<Db, Nc>> {
  const name = `rollcall-${service}`;
  const db = postgres.create({ connectionString: config.DATABASE_URL, applicationName: name });
  onShutdown('postgres', () => db.destroy());
  const postgresReady = postgresReadiness(db, { connectionString: config.DATABASE_URL });
  await checkReachable(postgresReady, { hint: 'check DATABASE_URL and that Postgres is running' });
  for (const migrate of postgres.migrations) await migrate(db);

  const nc = await nats.connect({ url: config.NATS_URL, name, logger });
  onShutdown('nats', () => nc.drain());
  return { db, nc, readiness: [postgresReady, nats.readiness(nc)] };
}
