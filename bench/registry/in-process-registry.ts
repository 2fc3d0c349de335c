import { createEventLogDb } from '@rollcall/eventlog';
import { type RegistryOptions, startRegistry } from '@rollcall/registry';
import { createLogger } from '@rollcall/service-kit';
import { Registry } from 'prom-client';
import type { BenchNats } from './bench-nats';

export interface InProcessRegistry {
  readonly ingestStream: string;
  readonly metrics: Registry;
  /** Runner messages the ingest loop settled so far, by kind (its own counter). */
  settled(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** One registry replica wired as main.ts wires it, in this process, on its own connections. */
export async function startInProcessRegistry(
  nats: BenchNats,
  connectionString: string,
  overrides: Partial<
    Pick<
      RegistryOptions,
      'ingestConcurrency' | 'ingestBatchSize' | 'ingestWriters' | 'heartbeatIntervalSeconds'
    >
  > = {},
): Promise<InProcessRegistry> {
  const controller = new AbortController();
  const metrics = new Registry();
  const nc = await nats.connection('registry');
  const db = createEventLogDb({ connectionString, applicationName: 'bench-registry' });
  const registry = await startRegistry({
    db,
    connectionString,
    nc,
    prefix: nats.prefix,
    clock: () => new Date(),
    logger: createLogger({ service: 'bench-registry', level: 'warn' }),
    metrics,
    signal: controller.signal,
    ingestStream: nats.streamName('RUNNERS'),
    lockRetryMs: 100,
    // A bench fleet heartbeats only as fast as it is published: nobody may be lost meanwhile.
    heartbeatIntervalSeconds: 3600,
    ...overrides,
  });
  return {
    ingestStream: registry.ingestStream,
    metrics,
    async settled() {
      const counter = metrics.getSingleMetric('rollcall_ingest_messages_total');
      const byKind: Record<string, number> = {};
      if (counter === undefined) return byKind;
      for (const value of (await counter.get()).values) {
        const kind = String(value.labels.kind);
        byKind[kind] = (byKind[kind] ?? 0) + value.value;
      }
      return byKind;
    },
    async stop() {
      controller.abort();
      await registry.stopped;
      await db.destroy();
    },
  };
}
