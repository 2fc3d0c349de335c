import type { RolloutEvent } from '@rollcall/contracts';
import type { Decider } from '../decider';
import type { RolloutCommand } from './commands';
import { decide } from './decide';
import { evolve, initialState, type RolloutState } from './state';

/** The rollout aggregate as one value, for a generic command handler and the decider specification. */
export const rolloutDecider: Decider<RolloutState, RolloutCommand, RolloutEvent> = {
  decide,
  evolve,
  initialState,
};
