import { describe, expect, it } from 'vitest';
import { SettingsEvent, settingsEventTypes } from './settings-event';
import { settingsEventSchemas } from './settings-event-schemas';

const at = '2026-01-31T12:00:00.000Z';

describe('SettingsEvent', () => {
  it.each([
    { scope: 'global', enabled: false, reason: 'release freeze', by: 'operator:alice', at },
    { scope: 'namespace', namespace: 'acme', enabled: true, by: 'operator:alice', at },
  ])('parses AutoUpgradeSwitched %j', (data) => {
    expect(SettingsEvent.parse({ type: 'AutoUpgradeSwitched', data })).toEqual({
      type: 'AutoUpgradeSwitched',
      data,
    });
  });

  it.each([
    [{ scope: 'namespace', enabled: false, by: 'a', at }, 'namespace'],
    [{ scope: 'namespace', namespace: 'a.b', enabled: false, by: 'a', at }, 'namespace'],
    [{ scope: 'pool', enabled: false, by: 'a', at }, 'scope'],
    [{ scope: 'global', enabled: 'no', by: 'a', at }, 'enabled'],
    [{ scope: 'global', enabled: false, reason: '', by: 'a', at }, 'reason'],
  ])('refuses %j, naming %s', (data, field) => {
    const parsed = SettingsEvent.safeParse({ type: 'AutoUpgradeSwitched', data });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(`data.${field}`);
  });

  it('has a registry schema for every type', () => {
    expect(Object.keys(settingsEventSchemas).sort()).toEqual([...settingsEventTypes].sort());
  });
});
