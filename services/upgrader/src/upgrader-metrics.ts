import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface UpgraderMetrics {
  readonly rolloutsInFlight: Gauge;
  readonly targetResults: Counter<'result'>;
  readonly launcherRequestSeconds: Histogram<'kind' | 'outcome'>;
}

/** Registers the upgrader's own series on the service's registry (one set per registry). */
export function upgraderMetrics(registry: Registry): UpgraderMetrics {
  const registers = [registry];
  return {
    rolloutsInFlight: new Gauge({
      name: 'rollcall_rollouts_in_flight',
      help: 'Rollouts holding their pool (begun, not ended), as the leading upgrader replica sees them (0 on standbys).',
      registers,
    }),
    targetResults: new Counter({
      name: 'rollcall_rollout_target_results_total',
      help: 'Rollout targets that came to rest through this upgrader, by result (done, failed, rolled_back, rollback_failed).',
      labelNames: ['result'],
      registers,
    }),
    launcherRequestSeconds: new Histogram({
      name: 'rollcall_upgrader_launcher_request_seconds',
      help: 'Launcher requests (start, stop, status) from send to reply, by kind and outcome (ok, refused, timeout, no_responders, error).',
      labelNames: ['kind', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
  };
}
