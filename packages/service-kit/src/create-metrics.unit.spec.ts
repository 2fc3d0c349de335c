import { Counter } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './create-metrics';

describe('createMetrics', () => {
  it('labels default and service metrics with the service name', async () => {
    const metrics = createMetrics({ service: 'upgrader' });
    new Counter({ name: 'rollouts_started_total', help: 'Rollouts started', registers: [metrics] }).inc();
    const text = await metrics.metrics();
    expect(text).toContain('rollouts_started_total{service="upgrader"} 1');
    expect(text).toMatch(/process_cpu_user_seconds_total\{service="upgrader"\}/);
  });

  it('gives each service its own registry', async () => {
    const a = createMetrics({ service: 'a' });
    const b = createMetrics({ service: 'b' });
    new Counter({ name: 'only_in_a_total', help: 'x', registers: [a] });
    expect(await b.metrics()).not.toContain('only_in_a_total');
  });
});
