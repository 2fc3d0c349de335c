import type { AccessEvent } from '@rollcall/contracts';
import type { Decider } from '../decider';
import { type AccessCommand, decide } from './decide';
import { type AccessState, evolve, initialState } from './state';

/** The access tokens aggregate as one value, for a command handler and the decider specification. */
export const accessDecider: Decider<AccessState, AccessCommand, AccessEvent> = {
  decide,
  evolve,
  initialState,
};
