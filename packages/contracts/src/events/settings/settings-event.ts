import { z } from 'zod';
import { AutoUpgradeSwitched } from './auto-upgrade-switched';

/** Every event of the `settings` category (stream `settings-global`). */
export const SettingsEvent = z.discriminatedUnion('type', [AutoUpgradeSwitched]);
export type SettingsEvent = z.infer<typeof SettingsEvent>;
export type SettingsEventType = SettingsEvent['type'];

export const settingsEventTypes: readonly SettingsEventType[] = SettingsEvent.options.map(
  (event) => event.shape.type.value,
);
