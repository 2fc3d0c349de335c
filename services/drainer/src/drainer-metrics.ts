import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** How a drain ended: the runner disconnected (`stopped`) or was marked `lost`. */
export type DrainEnd = 'stopped' | 'lost';

export interface DrainerMetrics {
  readonly drainsInProgress: Gauge;
  readonly drainSeconds: Histogram<'end'>;
  readonly forcedStops: Counter;
  readonly runnersLost: Counter;
}

/** Registers the drainer's own series on the service's registry (one set per registry). */
export function drainerMetrics(registry: Registry): DrainerMetrics {
  const registers = [registry];
  return {
    drainsInProgress: new Gauge({
      name: 'rollcall_drains_in_progress',
      help: 'Runners draining or told to stop and not gone yet, as the leading drainer replica sees them (0 on standbys: sum over replicas).',
      registers,
    }),
    drainSeconds: new Histogram({
      name: 'rollcall_drain_duration_seconds',
      help: 'Time from a drain being requested to its runner stopping (or being marked lost), by how it ended.',
      labelNames: ['end'],
      buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200],
      registers,
    }),
    forcedStops: new Counter({
      name: 'rollcall_drain_forced_stops_total',
      help: 'Draining runners stopped by force because their deadline passed with sessions left.',
      registers,
    }),
    runnersLost: new Counter({
      name: 'rollcall_drainer_runners_lost_total',
      help: 'Runners marked lost because they neither stopped nor disconnected within the grace period after stop.',
      registers,
    }),
  };
}
