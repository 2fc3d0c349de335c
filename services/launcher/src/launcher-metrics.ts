import { Counter, Gauge, type Registry } from 'prom-client';

export interface LauncherMetrics {
  readonly starts: Counter<'result'>;
  readonly runners: Gauge<'state'>;
}

/** Registers the launcher's own series on the service's registry (one set per registry). */
export function launcherMetrics(registry: Registry): LauncherMetrics {
  const registers = [registry];
  return {
    starts: new Counter({
      name: 'rollcall_launcher_starts_total',
      help: 'Start requests answered, by result: ok or the error class.',
      labelNames: ['result'],
      registers,
    }),
    runners: new Gauge({
      name: 'rollcall_launcher_runners',
      help: 'Runner processes this launcher started, by state (running, stopping, exited and still listed).',
      labelNames: ['state'],
      registers,
    }),
  };
}
