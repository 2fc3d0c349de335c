import { connect } from '@nats-io/transport-node';
import { createEventLogDb } from '@rollcall/eventlog';
import { createLogger } from '@rollcall/service-kit';
import type { TestDatabase, TestNats } from '@rollcall/testkit';
import { Registry } from 'prom-client';
import { type RegistryOptions, startRegistry } from '../start-registry';

export type TestRegistryOverrides = Partial<
  Pick<
    RegistryOptions,
    'clock' | 'heartbeatIntervalSeconds' | 'missedHeartbeats' | 'lostSweepIntervalMs' | 'ingestConcurrency'
  >
>;

/**
 * One registry replica as main.ts wires it, in-process, on its own NATS connection, Postgres pool and
 * metrics: two of them race like two processes would. `stop()` shuts it down in main.ts's order.
 */
export async function startTestRegistry(
  database: TestDatabase,
  nats: TestNats,
  overrides: TestRegistryOverrides = {},
) {
  const controller = new AbortController();
  const metrics = new Registry();
  const nc = await connect({ servers: nats.url, name: `${nats.prefix}-registry` });
  const db = createEventLogDb({ connectionString: database.url, max: 10 });
  const registry = await startRegistry({
    db,
    connectionString: database.url,
    nc,
    prefix: nats.prefix,
    clock: () => new Date(),
    logger: createLogger({
      service: 'registry-test',
      level: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent',
    }),
    metrics,
    signal: controller.signal,
    ingestStream: nats.streamName('RUNNERS'),
    lockRetryMs: 100,
    ...overrides,
  });
  return {
    registry,
    metrics,
    async stop(): Promise<void> {
      controller.abort();
      await registry.stopped;
      await nc.drain();
      await db.destroy();
    },
  };
}
