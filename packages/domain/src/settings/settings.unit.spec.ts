import type { AutoUpgradeSwitched, Namespace } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '../testing/decider-specification';
import type { AutoUpgradeScope, SwitchAutoUpgrade } from './decide';
import { settingsDecider } from './settings-decider';
import { autoUpgradeSwitchesFor, evolve, initialState } from './state';

const given = DeciderSpecification.for(settingsDecider);

const NOW = new Date('2026-03-01T12:00:00.000Z');
const EARLIER = '2026-03-01T11:00:00.000Z';
const OPERATOR = 'alice@acme';
const GLOBAL: AutoUpgradeScope = { scope: 'global' };
const ACME: AutoUpgradeScope = { scope: 'namespace', namespace: 'acme' };

function switchAutoUpgrade(scope: AutoUpgradeScope, enabled: boolean, reason?: string): SwitchAutoUpgrade {
  return {
    type: 'SwitchAutoUpgrade',
    data: { ...scope, enabled, ...(reason === undefined ? {} : { reason }) },
    metadata: { now: NOW, actor: OPERATOR },
  };
}

function switched(
  scope: AutoUpgradeScope,
  enabled: boolean,
  { at = NOW.toISOString(), reason }: { at?: string; reason?: string } = {},
): AutoUpgradeSwitched {
  const common = { enabled, ...(reason === undefined ? {} : { reason }), by: OPERATOR, at };
  return {
    type: 'AutoUpgradeSwitched',
    data:
      scope.scope === 'global'
        ? { scope: 'global', ...common }
        : { scope: 'namespace', namespace: scope.namespace, ...common },
  };
}

const switchesAfter = (events: readonly AutoUpgradeSwitched[], namespace: Namespace) =>
  autoUpgradeSwitchesFor(events.reduce(evolve, initialState()), namespace);

describe('settings never switched', () => {
  it('has automatic rollouts on everywhere', () => {
    expect(initialState()).toEqual({ autoUpgrade: { global: true, namespaces: {} } });
    expect(switchesAfter([], 'acme')).toEqual({ global: true, namespace: undefined });
  });

  it('records the global switch turned off, with who, when and why', () => {
    given([])
      .when(switchAutoUpgrade(GLOBAL, false, 'release freeze'))
      .then(switched(GLOBAL, false, { reason: 'release freeze' }));
  });

  it("records a namespace's switch turned off", () => {
    given([]).when(switchAutoUpgrade(ACME, false)).then(switched(ACME, false));
  });

  it('records nothing when a switch is turned on: it already is', () => {
    given([]).when(switchAutoUpgrade(GLOBAL, true)).thenNothingHappened();
    given([]).when(switchAutoUpgrade(ACME, true)).thenNothingHappened();
  });
});

describe('settings with the global switch off', () => {
  const off = [switched(GLOBAL, false, { at: EARLIER })];

  it('records nothing when it is turned off again', () => {
    given(off).when(switchAutoUpgrade(GLOBAL, false)).thenNothingHappened();
  });

  it('records it turned back on', () => {
    given(off).when(switchAutoUpgrade(GLOBAL, true)).then(switched(GLOBAL, true));
  });

  it('keeps namespaces apart from it: a namespace can still be switched off on its own', () => {
    given(off).when(switchAutoUpgrade(ACME, false)).then(switched(ACME, false));
  });

  it('hands the global switch to every namespace', () => {
    expect(switchesAfter(off, 'acme')).toEqual({ global: false, namespace: undefined });
    expect(switchesAfter(off, 'globex')).toEqual({ global: false, namespace: undefined });
  });
});

describe('settings with namespace acme switched off', () => {
  const acmeOff = [switched(ACME, false, { at: EARLIER })];

  it('records nothing when acme is turned off again', () => {
    given(acmeOff).when(switchAutoUpgrade(ACME, false)).thenNothingHappened();
  });

  it('records acme turned back on, and then shows it on explicitly', () => {
    given(acmeOff).when(switchAutoUpgrade(ACME, true)).then(switched(ACME, true));
    const state = [...acmeOff, switched(ACME, true)].reduce(evolve, initialState());
    expect(state.autoUpgrade.namespaces).toEqual({ acme: true });
  });

  it('switches off acme only', () => {
    expect(switchesAfter(acmeOff, 'acme')).toEqual({ global: true, namespace: false });
    expect(switchesAfter(acmeOff, 'globex')).toEqual({ global: true, namespace: undefined });
  });

  it('does not take a namespace called "global" for the global switch', () => {
    const named = { scope: 'namespace', namespace: 'global' } as const;
    given(acmeOff).when(switchAutoUpgrade(named, false)).then(switched(named, false));
    expect(switchesAfter([...acmeOff, switched(named, false)], 'acme')).toEqual({
      global: true,
      namespace: false,
    });
  });
});
