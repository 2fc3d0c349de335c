import type { PoolEvent } from '@rollcall/contracts';
import type { Decider } from '../decider';
import { decide, type PoolCommand } from './decide';
import { evolve, initialState, type PoolState } from './state';

/** The pool aggregate as one value, for a generic command handler and the decider specification. */
export const poolDecider: Decider<PoolState, PoolCommand, PoolEvent> = { decide, evolve, initialState };
