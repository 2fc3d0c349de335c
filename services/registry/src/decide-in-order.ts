import type { PoolEvent } from '@rollcall/contracts';
import { decide, evolve, type PoolCommand, PoolCommandError, type PoolState } from '@rollcall/domain';

/** What one command of a batch came to, and the pool's state after it. */
export type OrderedDecision = { readonly after: PoolState } & (
  | { readonly kind: 'events'; readonly events: readonly PoolEvent[] }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'refused'; readonly error: PoolCommandError }
);

export interface DecidedInOrder {
  /** One per command, in the commands' order. */
  readonly decisions: readonly OrderedDecision[];
  /** Every decision's events, in order: what one append writes. */
  readonly events: readonly PoolEvent[];
  /** The state those events lead to. */
  readonly state: PoolState;
}

/**
 * Decides one pool's commands in order, each on the state the previous ones' events lead to: the same
 * events as deciding and appending them one at a time, for the price of one append. A refusal leaves the
 * state as it was, as a refused command appends nothing. Any other error is a bug and propagates.
 */
export function decideInOrder(commands: readonly PoolCommand[], initial: PoolState): DecidedInOrder {
  let state = initial;
  const decisions: OrderedDecision[] = [];
  const all: PoolEvent[] = [];
  for (const command of commands) {
    let events: PoolEvent[];
    try {
      events = decide(command, state);
    } catch (error) {
      if (!(error instanceof PoolCommandError)) throw error;
      decisions.push({ kind: 'refused', error, after: state });
      continue;
    }
    if (events.length === 0) {
      decisions.push({ kind: 'unchanged', after: state });
      continue;
    }
    for (const event of events) {
      state = evolve(state, event);
      all.push(event);
    }
    decisions.push({ kind: 'events', events, after: state });
  }
  return { decisions, events: all, state };
}
