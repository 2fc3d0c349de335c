import type { z } from 'zod';
import { AutoUpgradeSwitchedData } from './auto-upgrade-switched';
import type { SettingsEventType } from './settings-event';

/** Input for the event log's registry: the current data schema and schema version of each settings event. */
export const settingsEventSchemas = {
  AutoUpgradeSwitched: { schema: AutoUpgradeSwitchedData, version: 1 },
} as const satisfies Record<SettingsEventType, { readonly schema: z.ZodType; readonly version: number }>;
