import { Counter, type Registry } from 'prom-client';
import type { AutoUpgradeDecision } from './auto-upgrade-decision';

export interface AutoUpgradeMetrics {
  /** Counts one decision on a published version. */
  decided(decision: AutoUpgradeDecision): void;
}

/** Registers `rollcall_auto_upgrade_decisions_total{decision,why}` on the service's registry (once per registry). */
export function autoUpgradeMetrics(registry: Registry): AutoUpgradeMetrics {
  const decisions = new Counter({
    name: 'rollcall_auto_upgrade_decisions_total',
    help: 'Published versions the auto-upgrade trigger decided on: decision start or skip, and why (e.g. switched_off_globally, rollout_in_flight, rollout_defaults_missing).',
    labelNames: ['decision', 'why'],
    registers: [registry],
  });
  return {
    decided: ({ decision, why }) => decisions.inc({ decision, why }),
  };
}
