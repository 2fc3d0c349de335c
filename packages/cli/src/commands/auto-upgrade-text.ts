import type { AutoUpgradeNamespaceView, AutoUpgradeView } from '@rollcall/contracts';

const onOff = (enabled: boolean) => (enabled ? 'on' : 'off');

/**
 * The switches as lines: the global one, then each namespace an operator switched. A pool's own switch is
 * `autoUpgrade` in its config, shown by `rollcall pools`.
 */
export function autoUpgradeLines(view: AutoUpgradeView): string[] {
  const namespaces = Object.entries(view.namespaces).sort(([a], [b]) => a.localeCompare(b));
  return [
    `global: ${onOff(view.global)}`,
    ...namespaces.map(([namespace, enabled]) => `namespace ${namespace}: ${onOff(enabled)}`),
  ];
}

/** Whether versions published in a namespace may roll out by themselves, and which switch says no. */
export function autoUpgradeNamespaceLine({ namespace, global, enabled }: AutoUpgradeNamespaceView): string {
  if (!global) return `namespace ${namespace}: automatic rollouts off (switched off globally)`;
  if (!enabled) return `namespace ${namespace}: automatic rollouts off (switched off for the namespace)`;
  return `namespace ${namespace}: automatic rollouts on (each pool's autoUpgrade decides)`;
}
