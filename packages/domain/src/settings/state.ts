import type { Namespace, SettingsEvent } from '@rollcall/contracts';
import type { AutoUpgradeSwitches } from '../rollout/auto-upgrade';

/**
 * The switches above the pools, folded from `settings-global`. There is no lifecycle: before any event
 * automatic rollouts are on everywhere (each pool's own `autoUpgrade` still decides).
 */
export type SettingsState = Readonly<{
  autoUpgrade: Readonly<{
    global: boolean;
    /** Namespaces an operator switched; one left out is on. */
    namespaces: Readonly<Record<Namespace, boolean>>;
  }>;
}>;

export function initialState(): SettingsState {
  return { autoUpgrade: { global: true, namespaces: {} } };
}

/** Folds one event; never throws. */
export function evolve(state: SettingsState, event: SettingsEvent): SettingsState {
  switch (event.type) {
    case 'AutoUpgradeSwitched': {
      const { autoUpgrade } = state;
      return event.data.scope === 'global'
        ? { autoUpgrade: { ...autoUpgrade, global: event.data.enabled } }
        : {
            autoUpgrade: {
              ...autoUpgrade,
              namespaces: { ...autoUpgrade.namespaces, [event.data.namespace]: event.data.enabled },
            },
          };
    }
    default:
      return ignoreUnknownEvent(state, event.type);
  }
}

// An event type from a newer writer is not ours to interpret; the `never` keeps this switch complete.
function ignoreUnknownEvent(state: SettingsState, _type: never): SettingsState {
  return state;
}

/** The switches `autoUpgradeVerdict` weighs for a pool of `namespace`. */
export function autoUpgradeSwitchesFor(state: SettingsState, namespace: Namespace): AutoUpgradeSwitches {
  return { global: state.autoUpgrade.global, namespace: state.autoUpgrade.namespaces[namespace] };
}
