import { collectDefaultMetrics, Registry } from 'prom-client';

export interface CreateMetricsOptions {
  /** Added as the `service` label on every series, so one Prometheus can scrape every service. */
  service: string;
}

/**
 * A registry of its own per service (not prom-client's global one), with the process and Node.js default
 * metrics. Services register their own counters on it: `new Counter({ name, help, registers: [metrics] })`.
 */
export function createMetrics({ service }: CreateMetricsOptions): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
