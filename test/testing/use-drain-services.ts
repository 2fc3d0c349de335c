import { startRunnerCommandRelay } from '@rollcall/drainer';
import { createLogger } from '@rollcall/service-kit';
import type { TestDatabase, TestNats } from '@rollcall/testkit';
import { afterAll, beforeAll } from 'vitest';
import { startTestRegistry, type TestRegistryOptions } from './start-test-registry';

export type DrainServicesOptions = TestRegistryOptions;

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
    const registry = await startTestRegistry(database, nats, { logger, signal: shutdown.signal, options });
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
