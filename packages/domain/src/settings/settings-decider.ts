import type { SettingsEvent } from '@rollcall/contracts';
import type { Decider } from '../decider';
import { decide, type SettingsCommand } from './decide';
import { evolve, initialState, type SettingsState } from './state';

/** The settings aggregate (stream `settings-global`) as one value, for its command handler and the specs. */
export const settingsDecider: Decider<SettingsState, SettingsCommand, SettingsEvent> = {
  decide,
  evolve,
  initialState,
};
