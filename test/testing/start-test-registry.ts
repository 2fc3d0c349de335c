import { type RegistryOptions, startRegistry } from '@rollcall/registry';
import type { Logger } from '@rollcall/service-kit';
import type { TestDatabase, TestNats } from '@rollcall/testkit';
import { Registry } from 'prom-client';

/** What an end-to-end test may tune in the registry; everything else follows the file's database and prefix. */
export type TestRegistryOptions = Partial<
  Pick<RegistryOptions, 'heartbeatIntervalSeconds' | 'missedHeartbeats'>
>;

/** The registry on the calling file's database and NATS prefix, with a real clock and quick lock hand-over. */
export function startTestRegistry(
  database: TestDatabase,
  nats: TestNats,
  { logger, signal, options = {} }: { logger: Logger; signal: AbortSignal; options?: TestRegistryOptions },
) {
  return startRegistry({
    db: database.db,
    connectionString: database.url,
    nc: nats.nc,
    prefix: nats.prefix,
    clock: () => new Date(),
    logger,
    metrics: new Registry(),
    signal,
    ingestStream: nats.streamName('RUNNERS'),
    lockRetryMs: 100,
    ...options,
  });
}
