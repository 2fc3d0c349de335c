import { startRunnerCommandRelay } from '@rollcall/drainer';
import { type RegistryOptions, startRegistry } from '@rollcall/registry';
import { createLogger } from '@rollcall/service-kit';
import type { TestDatabase, TestNats } from '@rollcall/testkit';
import { Registry } from 'prom-client';
import { afterAll, beforeAll } from 'vitest';

export type DrainServicesOptions = Partial<
  Pick<RegistryOptions, 'heartbeatIntervalSeconds' | 'missedHeartbeats'>
>;

/**
 * Runs, for the calling test file, what a drain on upgrade goes through: the registry deciding it and the
 * drainer's relay carrying it from the log to the runner's drain subject. Both stop after the file's tests.
 */
export function useDrainServices(
  database: TestDatabase,
  nats: TestNats,
  options: DrainServicesOptions = {},
): void {
  const logger = createLogger({ service: 'e2e', level: 'silent' });
  const shutdown = new AbortController();
  let stopped: Promise<unknown>;

  beforeAll(async () => {
    const registry = await startRegistry({
      db: database.db,
      connectionString: database.url,
      nc: nats.nc,
      prefix: nats.prefix,
      clock: () => new Date(),
      logger,
      metrics: new Registry(),
      signal: shutdown.signal,
      ingestStream: nats.streamName('RUNNERS'),
      lockRetryMs: 100,
      ...options,
    });
    const relay = startRunnerCommandRelay({
      db: database.db,
      connectionString: database.url,
      nc: nats.nc,
      prefix: nats.prefix,
      signal: shutdown.signal,
      logger,
      lockRetryMs: 100,
    });
    stopped = Promise.all([registry.stopped, relay]);
  });

  afterAll(async () => {
    shutdown.abort();
    await stopped;
  });
}
