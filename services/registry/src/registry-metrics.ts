import { Counter, Histogram, type Registry } from 'prom-client';

/** How one runner message ended; `failed` ones are redelivered. */
export type IngestOutcome =
  | 'applied'
  | 'unchanged'
  | 'duplicate'
  | 'refused'
  | 'unknown_runner'
  | 'invalid'
  | 'failed';

/** `unknown` for a subject that is not a runner message subject at all. */
export type IngestKind = 'connected' | 'heartbeat' | 'disconnected' | 'unknown';

export interface RegistryMetrics {
  readonly ingestMessages: Counter<'kind' | 'outcome'>;
  readonly ingestInvalid: Counter<'kind'>;
  readonly appendRetries: Counter<'command'>;
  readonly handlerSeconds: Histogram<'kind'>;
  readonly runnersLost: Counter;
}

/** Registers the registry's own series on the service's registry (one set per registry). */
export function registryMetrics(registry: Registry): RegistryMetrics {
  const registers = [registry];
  return {
    ingestMessages: new Counter({
      name: 'rollcall_ingest_messages_total',
      help: 'Runner messages taken from the ingest stream, by kind and how they ended.',
      labelNames: ['kind', 'outcome'],
      registers,
    }),
    ingestInvalid: new Counter({
      name: 'rollcall_ingest_invalid_total',
      help: 'Runner messages that failed their schema and were dead-lettered.',
      labelNames: ['kind'],
      registers,
    }),
    appendRetries: new Counter({
      name: 'rollcall_registry_append_retries_total',
      help: 'Pool appends retried after another writer moved the stream (optimistic concurrency).',
      labelNames: ['command'],
      registers,
    }),
    handlerSeconds: new Histogram({
      name: 'rollcall_ingest_handler_seconds',
      help: 'Time from taking a runner message to its commit (or dead letter), by kind.',
      labelNames: ['kind'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    runnersLost: new Counter({
      name: 'rollcall_registry_runners_lost_total',
      help: 'Runners marked lost after missing their heartbeats.',
      registers,
    }),
  };
}
