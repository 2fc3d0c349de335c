import { Counter, Gauge, type Registry } from 'prom-client';

export interface SubscriptionMetrics {
  passed(count: number): void;
  failed(): void;
  parked(): void;
  position(position: bigint): void;
}

/**
 * The metrics of one named subscription, labelled `subscription`. Several subscriptions share one registry,
 * so a metric registered by an earlier one is reused rather than registered twice.
 */
export function subscriptionMetrics(registry: Registry, subscription: string): SubscriptionMetrics {
  const events = counter(
    registry,
    'rollcall_subscription_events_total',
    'Events a subscription moved past: handled, or parked after failing',
  );
  const failures = counter(
    registry,
    'rollcall_subscription_handler_failures_total',
    'Failed handler attempts (each retry counts)',
  );
  const deadLetters = counter(
    registry,
    'rollcall_subscription_dead_letters_total',
    'Events a subscription parked in dead_letters after exhausting its attempts',
  );
  const position = gauge(registry, 'rollcall_subscription_position', 'Last checkpointed global position');
  const labels = { subscription };
  return {
    passed: (count) => events.inc(labels, count),
    failed: () => failures.inc(labels),
    parked: () => deadLetters.inc(labels),
    // A gauge is a float; positions stay exact up to 2^53, far beyond any realistic log.
    position: (value) => position.set(labels, Number(value)),
  };
}

function counter(registry: Registry, name: string, help: string): Counter {
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Counter) return existing;
  return new Counter({ name, help, labelNames: ['subscription'], registers: [registry] });
}

function gauge(registry: Registry, name: string, help: string): Gauge {
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Gauge) return existing;
  return new Gauge({ name, help, labelNames: ['subscription'], registers: [registry] });
}
