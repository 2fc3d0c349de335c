import type { AutoUpgradeNamespaceView, AutoUpgradeView, Namespace } from '@rollcall/contracts';
import type { SettingsState } from '@rollcall/domain';

/** Every switch above the pools, for `GET /v1/auto-upgrade` and the global flip. */
export function autoUpgradeViewOf(state: SettingsState): AutoUpgradeView {
  return { global: state.autoUpgrade.global, namespaces: { ...state.autoUpgrade.namespaces } };
}

/** One namespace's switches, without the other namespaces' (a token scoped to it may read them). */
export function autoUpgradeNamespaceViewOf(
  state: SettingsState,
  namespace: Namespace,
): AutoUpgradeNamespaceView {
  return {
    namespace,
    global: state.autoUpgrade.global,
    enabled: state.autoUpgrade.namespaces[namespace] ?? true,
  };
}
